import type { AuditEntry } from '../sync/audit-log';
import type { SyncDirection } from '../queue/sync-queues';
import type { LinkedKind } from '../sync/link-repository';

/**
 * "Needs attention" on the Status tab: the program's records the sync cannot finish without a
 * person, each with what happened, what to change, and a Retry.
 *
 *   sync history, newest first ──▶ the latest entry of each record, per direction
 *        │                           ├─ conflict                      ──▶ adoption conflict
 *        │                           ├─ rejected "circuit open: …"    ──▶ circuit open
 *        │                           ├─ rejected deal, no customer    ──▶ deal without customer
 *        │                           ├─ failed (dead-lettered)        ──▶ dead letter
 *        │                           └─ anything else (applied, noop…) ─▶ fixed: not listed
 *   dead letters of the program ──▶ dead letter, unless a newer entry of its record says fixed
 *
 * Nothing is stored for the list itself: an entry is what the record's latest outcome says, so
 * once a Retry (or the record's next change) goes through, its entry leaves by itself. The
 * dead-letter source is optional: a per-program dead-letter list slots in beside the history.
 */

export const attentionKinds = ['adoption-conflict', 'deal-without-customer', 'circuit-open', 'dead-letter'] as const;
export type AttentionKind = (typeof attentionKinds)[number];

/** What a Retry puts back on a sync queue: the record, for the same worker and rules as a webhook. */
export type RetryTarget =
  | { readonly direction: 'partnero-to-attio'; readonly kind: LinkedKind; readonly partneroId: string }
  | { readonly direction: 'attio-to-partnero'; readonly objectId: string; readonly recordId: string };

export interface AttentionEntry {
  /** Stable while the record needs attention: what the Retry route is given. */
  readonly id: string;
  readonly kind: AttentionKind;
  readonly direction: SyncDirection;
  /** As the sync history names it, e.g. `partner:abc` or `attio:<object id>:<record id>`. */
  readonly sourceRecord: string;
  readonly targetRecord: string | null;
  readonly title: string;
  /** What happened, in the sync's own words. */
  readonly happened: string;
  /** What to change in Attio or Partnero before retrying. */
  readonly fix: string;
  readonly at: string;
  /** null when the record cannot be named again (an unreadable delivery). */
  readonly retry: RetryTarget | null;
}

/** A message of this program that ended in a dead-letter queue, as a per-program dead-letter list gives it. */
export interface ProgramDeadLetter {
  readonly direction: SyncDirection;
  readonly sourceRecord: string;
  readonly sourceEvent: string;
  readonly reason: string;
  readonly at: string;
}

/** How many history entries the list is computed from (the newest ones). */
export const ATTENTION_HISTORY_WINDOW = 500;

const syncDirections: readonly string[] = ['partnero-to-attio', 'attio-to-partnero'];

/** The list, newest first, one entry per record and direction. `history` is newest first. */
export function needsAttention(
  history: readonly AuditEntry[],
  deadLetters: readonly ProgramDeadLetter[] = [],
): AttentionEntry[] {
  const latest = new Map<string, AuditEntry>();
  for (const entry of history) {
    if (!syncDirections.includes(entry.direction)) continue;
    const id = attentionId(entry.direction as SyncDirection, entry.sourceRecord);
    if (!latest.has(id)) latest.set(id, entry);
  }
  const entries = new Map<string, AttentionEntry>();
  for (const [id, entry] of latest) {
    const kind = attentionKindOf(entry);
    if (kind)
      entries.set(
        id,
        describe(
          id,
          kind,
          entry.direction as SyncDirection,
          entry.sourceRecord,
          entry.targetRecord,
          entry.reason,
          entry.at,
        ),
      );
  }
  for (const letter of deadLetters) {
    const id = attentionId(letter.direction, letter.sourceRecord);
    const newer = latest.get(id);
    if (entries.has(id) || (newer && newer.at > letter.at)) continue;
    entries.set(id, describe(id, 'dead-letter', letter.direction, letter.sourceRecord, null, letter.reason, letter.at));
  }
  return [...entries.values()].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}

export function attentionId(direction: SyncDirection, sourceRecord: string): string {
  return `${direction}|${sourceRecord}`;
}

export function attentionKindOf(
  entry: Pick<AuditEntry, 'direction' | 'outcome' | 'reason' | 'sourceRecord'>,
): AttentionKind | undefined {
  if (entry.outcome === 'conflict') return 'adoption-conflict';
  if (entry.outcome === 'failed') return 'dead-letter';
  if (entry.outcome !== 'rejected') return undefined;
  if (entry.reason.startsWith('circuit open:')) return 'circuit-open';
  if (
    entry.direction === 'attio-to-partnero' &&
    /Partnero does not know the deal's customer|the deal has no associated person/.test(entry.reason)
  )
    return 'deal-without-customer';
  return undefined;
}

/** The record behind a history entry's source, when it names one the sync can queue again. */
export function retryTargetOf(direction: SyncDirection, sourceRecord: string): RetryTarget | null {
  const parts = sourceRecord.split(':');
  if (direction === 'partnero-to-attio') {
    const [kind, ...rest] = parts;
    const partneroId = rest.join(':');
    if ((kind === 'partner' || kind === 'customer' || kind === 'transaction') && partneroId !== '')
      return { direction, kind, partneroId };
    return null;
  }
  // `attio:<object id>:<record id>`; an unreadable delivery is named `attio:<delivery key>`, which has more parts.
  if (parts.length === 3 && parts[0] === 'attio' && parts[1] && parts[2] && parts[1] !== '?' && parts[2] !== '?')
    return { direction, objectId: parts[1], recordId: parts[2] };
  return null;
}

function describe(
  id: string,
  kind: AttentionKind,
  direction: SyncDirection,
  sourceRecord: string,
  targetRecord: string | null,
  reason: string,
  at: string,
): AttentionEntry {
  const record = recordLabel(direction, sourceRecord);
  const advice = adviceFor(kind, record);
  return {
    id,
    kind,
    direction,
    sourceRecord,
    targetRecord,
    title: advice.title,
    happened: reason,
    fix: advice.fix,
    at,
    retry: retryTargetOf(direction, sourceRecord),
  };
}

function adviceFor(kind: AttentionKind, record: string): { title: string; fix: string } {
  switch (kind) {
    case 'adoption-conflict':
      return {
        title: `${record}: two Partnero records claim one Attio record`,
        fix:
          'Merge or correct the two records in Partnero (they share an email or domain), or change ' +
          'that value on the Attio record so each has its own; then Retry.',
      };
    case 'deal-without-customer':
      return {
        title: `${record}: won, but Partnero has no customer for it`,
        fix:
          'Add the buyer as a customer in Partnero (with the email of the person on the deal), or ' +
          'associate the deal with a person Partnero knows; then Retry. A retry pays at most once.',
      };
    case 'circuit-open':
      return {
        title: `${record}: written too often, paused`,
        fix:
          'Something keeps changing this record back and forth (often an Attio workflow or a ' +
          'Partnero automation on the same field). Stop it, wait a few minutes, then Retry.',
      };
    case 'dead-letter':
      return {
        title: `${record}: the sync gave up after repeated failures`,
        fix: 'The reason says what failed (a missing attribute, a refused value, an unreachable provider). Fix it, then Retry.',
      };
  }
}

function recordLabel(direction: SyncDirection, sourceRecord: string): string {
  const target = retryTargetOf(direction, sourceRecord);
  if (!target) return sourceRecord;
  if (target.direction === 'partnero-to-attio')
    return `Partnero ${target.kind === 'transaction' ? 'sale' : target.kind} ${target.partneroId}`;
  return `Attio record ${target.recordId}`;
}
