import type { AuditDirection, AuditEntry } from '../../../shared/sync/audit-log';

/**
 * The sync history in a program manager's words. The entries are written for operators (event
 * names, record keys, error classes); the page shows what happened and what to do about it, and
 * keeps the operator's text one click away ("Technical details") for when they ask for help.
 */

const subjects: Readonly<Record<string, string>> = {
  partner: 'Partner',
  customer: 'Customer',
  transaction: 'Sale',
  record: 'Attio record',
  'list-entry': 'Attio list entry',
  note: 'Attio note',
  task: 'Attio task',
  settings: 'Settings',
  sync: 'Sync',
  attio: 'Attio',
  backfill: 'Existing records',
  reconciliation: 'Missed-events check',
};

const verbs: Readonly<Record<string, string>> = {
  created: 'created',
  updated: 'changed',
  deleted: 'deleted',
  merged: 'merged',
  approved: 'approved',
  rejected: 'rejected',
  archived: 'archived',
  credited: 'credited',
  rewarded: 'rewarded',
  saved: 'saved',
  started: 'started',
  connected: 'connected',
  reconnected: 'reconnected',
  disconnected: 'disconnected',
  'connect-refused': 'connection refused',
  requested: 'copy requested',
  listed: 'copied',
  completed: 'run',
};

/** `partner.updated` → "Partner changed"; an unknown name is spaced out rather than shown raw. */
export function eventLabel(sourceEvent: string): string {
  const [subject = '', ...rest] = sourceEvent.split('.');
  const verb = rest.join('.');
  if (subjects[subject] && verbs[verb]) return `${subjects[subject]} ${verbs[verb]}`;
  const spaced = sourceEvent.replace(/[._-]+/g, ' ').trim();
  return spaced === '' ? 'Event' : spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

const attioObjects: Readonly<Record<string, string>> = {
  people: 'Attio person',
  companies: 'Attio company',
  deals: 'Attio deal',
  workspace: 'Attio workspace',
  webhook: 'Attio webhook',
};
const partneroKinds: Readonly<Record<string, string>> = {
  partner: 'Partner',
  customer: 'Customer',
  transaction: 'Sale',
};

/** `partner:abc` → "Partner abc"; `attio:people:<id>` → "Attio person …<end of id>". */
export function recordLabel(record: string): string {
  const [kind = '', ...rest] = record.split(':');
  const id = rest.join(':');
  if (kind === 'attio') {
    const [object = '', recordId = ''] = id.split(':');
    if (object === 'oauth') return 'Attio sign-in';
    return `${attioObjects[object] ?? 'Attio record'}${recordId ? ` ${shortId(recordId)}` : ''}`;
  }
  if (kind === 'partnero') {
    const [partneroKind = '', partneroId = ''] = id.split(':');
    return `${partneroKinds[partneroKind] ?? 'Partnero record'} ${partneroId}`.trim();
  }
  if (partneroKinds[kind]) return `${partneroKinds[kind]} ${id}`;
  if (kind === 'settings') return `Settings ${id.replace(/^v/, 'version ')}`;
  if (kind === 'backfill') return 'Copy of existing records';
  if (kind === 'reconciliation') return 'Missed-events check';
  if (kind === 'webhook') return `Webhook from ${id === 'attio' ? 'Attio' : 'Partnero'}`;
  return record;
}

function shortId(id: string): string {
  return id.length > 12 ? `…${id.slice(-8)}` : id;
}

/**
 * The outcome badge. "Synced" is for records only: a saved setting, a started copy or a
 * connection is "Done", so a manager never reads that settings were synced somewhere.
 */
export function outcomeBadge(entry: Pick<AuditEntry, 'outcome' | 'direction'>): { label: string; tone: string } {
  const recordDirection = entry.direction === 'partnero-to-attio' || entry.direction === 'attio-to-partnero';
  if (entry.outcome === 'applied')
    return recordDirection ? { label: 'Synced', tone: 'ok' } : { label: 'Done', tone: 'ok' };
  return outcomeBadges[entry.outcome] ?? { label: entry.outcome, tone: 'muted' };
}

const outcomeBadges: Readonly<Record<string, { label: string; tone: string }>> = {
  noop: { label: 'No change', tone: 'muted' },
  echo: { label: 'Own change', tone: 'info' },
  stale: { label: 'Outdated', tone: 'muted' },
  'skipped-by-settings': { label: 'Skipped', tone: 'warn' },
  rejected: { label: 'Not synced', tone: 'bad' },
  conflict: { label: 'Conflict', tone: 'bad' },
  failed: { label: 'Failed', tone: 'bad' },
  ignored: { label: 'Not used', tone: 'muted' },
  parked: { label: 'On hold', tone: 'warn' },
};

const providerNames: Readonly<Record<string, string>> = { attio: 'Attio', partnero: 'Partnero' };

/** What happened, in a sentence, and what the manager can do (null when nothing is needed). */
export function plainDetails(entry: Pick<AuditEntry, 'outcome' | 'direction' | 'reason'>): {
  text: string;
  action: string | null;
} {
  const reason = entry.reason;
  const provider = /\b(attio|partnero)\b/i.exec(reason)?.[1]?.toLowerCase();
  const providerName = provider ? (providerNames[provider] ?? 'A provider') : 'A provider';
  switch (entry.outcome) {
    case 'failed':
      if (/RateLimited/i.test(reason))
        return {
          text: `${providerName} asked the sync to slow down and it ran out of retries.`,
          action: 'Ask the platform team to send it again; nothing is lost.',
        };
      if (/answered 40[13]\b|refused the stored credentials|unauthori[sz]ed/i.test(reason))
        return {
          text: `${providerName} refused the sync's access.`,
          action:
            provider === 'attio'
              ? 'Reconnect Attio on the Status tab.'
              : 'Ask the platform team to check the Partnero API key.',
        };
      if (/Retryable|answered 5\d\d|timed? ?out|not answering/i.test(reason))
        return {
          text: `${providerName} had a temporary problem, so this change could not be synced after several tries.`,
          action: 'Ask the platform team to send it again; nothing is lost.',
        };
      return {
        text: 'This change could not be synced.',
        action: 'Ask the platform team; they can see why and send it again.',
      };
    case 'conflict':
      return {
        text: 'Not written: the Attio record already belongs to another Partnero record.',
        action: 'Check for a duplicate in Partnero or Attio and merge or correct one of them.',
      };
    case 'rejected':
      return {
        text: `Not synced: ${lowerFirst(stripOperatorTerms(reason))}.`,
        action: 'Correct the record and change it again; the sync picks it up then.',
      };
    case 'skipped-by-settings':
      return {
        text: `Skipped: ${lowerFirst(stripOperatorTerms(reason))}.`,
        action: 'Change the settings if this should be synced.',
      };
    case 'parked':
      return {
        text: 'The delivery could not be read; it is kept safe.',
        action: 'The platform team will replay it; nothing is lost.',
      };
    case 'echo':
      return { text: 'A change the sync made itself; nothing else to do.', action: null };
    case 'noop':
      return { text: 'Nothing had changed, so nothing was written.', action: null };
    case 'stale':
      return { text: 'An older event arrived after a newer one; the newer one counts.', action: null };
    case 'ignored':
      return { text: 'An event the sync does not use.', action: null };
    default:
      return { text: capitalise(stripOperatorTerms(reason)), action: null };
  }
}

/** The operator words that leak into otherwise readable reasons. */
function stripOperatorTerms(reason: string): string {
  return reason
    .replace(/\b(?:RetryableError|PermanentError|ValidationError|RateLimitedError|ProviderHttpError|Error): /g, '')
    .replace(/\(asserted on ([a-z_]+)\)/g, (_, attribute: string) => `(${matchedBy(attribute)})`)
    .replace(/asserted on ([a-z_]+)/g, (_, attribute: string) => matchedBy(attribute))
    .replace(
      /\b(?:partner|customer|transaction|record|list-entry)\.(?:created|updated|deleted|merged|approved|rejected|archived|credited|rewarded)\b/g,
      (name) => eventLabel(name).toLowerCase(),
    )
    .replace(/\bwritten to (people|companies|deals)\b/g, (_, object: string) => `written to Attio ${object}`)
    .trim();
}

function matchedBy(attribute: string): string {
  if (attribute === 'email_addresses') return 'matched by email address';
  if (attribute === 'domains') return 'matched by domain';
  if (attribute.startsWith('partnero_')) return 'matched by its Partnero id';
  return `matched by ${attribute.replace(/_/g, ' ')}`;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export const directionLabels: Readonly<Record<AuditDirection, string>> = {
  'partnero-to-attio': 'Partnero → Attio',
  'attio-to-partnero': 'Attio → Partnero',
  settings: 'Settings',
  backfill: 'Existing records',
  reconciliation: 'Missed-events check',
};
