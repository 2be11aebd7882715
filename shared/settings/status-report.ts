import type { AttioAccess, ProgramStore } from '../connect/attio-access';
import { mayManageWebhooks } from '../connect/attio-workspace-check';
import { ProgramNotFoundError, ProviderHttpError, RetryableError } from '../errors';
import type { PartneroClient } from '../partnero/partnero-client';
import { tokenPurposes } from '../programs/program-context';
import type { AuditEntry, AuditLog } from '../sync/audit-log';
import type { DeadLetterRecords, ProgramDeadLetter } from '../queue/dead-letter-records';
import type { SyncDirection } from '../queue/sync-queues';
import { attioSetupIssues, syncStateLine, type AttioSetupIssue } from './attio-setup-advice';
import { attentionDeadLetters, readNeedsAttention } from './attention-retry';
import type { AttentionEntry } from './needs-attention';

/** How one webhook is doing, as its provider reports it. */
export interface WebhookHealth {
  readonly state: 'active' | 'degraded' | 'inactive' | 'missing' | 'unknown';
  readonly healthy: boolean;
  readonly detail: string;
}

export interface StatusReport {
  readonly programId: string;
  readonly displayName: string;
  readonly attio:
    | { readonly connected: false }
    | {
        readonly connected: true;
        readonly workspaceName: string;
        readonly workspaceId: string;
        readonly connectedAt: string;
        readonly webhook: WebhookHealth;
        readonly echoFilter: boolean;
        /** What the workspace or app lacks, with the Attio setting to change. */
        readonly setupIssues: AttioSetupIssue[];
      };
  /** Whether the program's sync runs: it starts with the first Save of the settings. */
  readonly sync: { readonly started: boolean; readonly startedAt: string | null; readonly detail: string };
  readonly partnero: { readonly webhook: WebhookHealth };
  readonly recent: Readonly<Record<SyncDirection, AuditEntry[]>>;
  /**
   * This program's own messages dead-lettered in each direction and not replayed or synced fine
   * since (the queues themselves are shared by every program); null when they could not be read.
   */
  readonly deadLetters: Readonly<Record<SyncDirection, number | null>>;
  /**
   * Those dead letters, newest first: the record, why it failed and when (`more`: there are
   * others past the listed ones, which the counts leave out); null when they could not be read.
   */
  readonly deadLettered: { readonly entries: ProgramDeadLetter[]; readonly more: boolean } | null;
  /**
   * Events refused as conflicts (a record that belongs to another Partnero record) still in the
   * sync history, up to `CONFLICTS_COUNTED` (`atLeast` when there may be more); null when unreadable.
   */
  readonly conflicts: { readonly count: number; readonly atLeast: boolean } | null;
  /** Records that need a person (see `needs-attention.ts`), newest first; null when unreadable. */
  readonly needsAttention: AttentionEntry[] | null;
  readonly settings: { readonly version: number; readonly updatedAt: string | null };
  readonly checkedAt: string;
}

/** How many conflicts the status page counts at most (one page of the sync history). */
export const CONFLICTS_COUNTED = 100;

export interface StatusDependencies extends ProgramStore {
  readonly attio: AttioAccess;
  readonly partnero: (apiKey: string) => PartneroClient;
  readonly audit: AuditLog;
  readonly deadLetters: Pick<DeadLetterRecords, 'open'>;
}

/**
 * The status panel: is the program connected, are both webhooks alive (asked of each provider,
 * not assumed), what happened to the last events each way, and is anything stuck in a DLQ.
 * Each part is read on its own, so one provider being down shows as "unknown" for that part
 * instead of failing the whole panel.
 */
export async function statusReport(
  deps: StatusDependencies,
  programId: string,
  recentLimit = 5,
  now: Date = new Date(),
): Promise<StatusReport> {
  const [registration, connection, settings] = await Promise.all([
    deps.programs.getRegistration(programId),
    deps.programs.getAttioConnection(programId),
    deps.programs.getSettings(programId),
  ]);
  if (!registration) throw new ProgramNotFoundError(programId);

  const attioWebhook = async (): Promise<WebhookHealth> => {
    if (!connection) return { state: 'missing', healthy: false, detail: 'Not connected' };
    if (!connection.webhookId) {
      if (settings.syncStartedAt === null)
        return { state: 'missing', healthy: false, detail: 'Created when you save your settings' };
      if (!mayManageWebhooks(connection.workspaceCheck))
        return {
          state: 'missing',
          healthy: false,
          detail: 'The Attio app may not create webhooks; reconnect and allow "Webhook: Read-write"',
        };
      return { state: 'missing', healthy: false, detail: 'No webhook registered; reconnect Attio' };
    }
    return probe(async () => {
      const token = await deps.cipher.decrypt(connection.accessTokenCiphertext, {
        programId,
        purpose: tokenPurposes.attioAccessToken,
      });
      const webhook = await deps.attio.client(token).webhooks.get(connection.webhookId as string);
      if (!webhook)
        return { state: 'missing', healthy: false, detail: 'Attio no longer has the webhook; reconnect Attio' };
      const detail = {
        active: 'Receiving events',
        degraded: 'Attio is retrying failed deliveries',
        inactive: 'Attio stopped delivering; reconnect Attio',
      }[webhook.status];
      return { state: webhook.status, healthy: webhook.status === 'active', detail };
    }, 'Attio');
  };
  const partneroWebhook = async (): Promise<WebhookHealth> => {
    if (!registration.partneroWebhookKey)
      return {
        state: 'missing',
        healthy: false,
        detail: 'No webhook registered; ask the platform team to re-register the program',
      };
    return probe(async () => {
      const apiKey = await deps.cipher.decrypt(registration.partneroApiKeyCiphertext, {
        programId,
        purpose: tokenPurposes.partneroApiKey,
      });
      const webhook = await deps.partnero(apiKey).webhooks.get(registration.partneroWebhookKey as string);
      if (!webhook)
        return {
          state: 'missing',
          healthy: false,
          detail: 'Partnero no longer has the webhook; ask the platform team to re-register the program',
        };
      return webhook.is_active === false
        ? { state: 'inactive', healthy: false, detail: 'The webhook is switched off in Partnero' }
        : { state: 'active', healthy: true, detail: 'Receiving events' };
    }, 'Partnero');
  };
  const recent = (direction: SyncDirection) =>
    deps.audit.listRecent(programId, { direction, limit: recentLimit }).then((page) => page.entries);
  const deadLettered = () => deps.deadLetters.open(programId, now).catch(() => null);
  const conflicts = () =>
    deps.audit
      .listRecent(programId, { outcome: 'conflict', limit: CONFLICTS_COUNTED })
      .then((page) => ({
        count: page.entries.length,
        atLeast: page.nextCursor !== null && page.entries.length >= CONFLICTS_COUNTED,
      }))
      .catch(() => null);

  const attention = (dead: Promise<{ readonly entries: readonly ProgramDeadLetter[] } | null>) =>
    readNeedsAttention(
      { ...deps, programDeadLetters: { list: async () => attentionDeadLetters((await dead)?.entries ?? []) } },
      programId,
    ).catch(() => null);

  const dead = deadLettered();
  const [attioHealth, partneroHealth, p2a, a2p, deadLetters, conflictCount, attentionEntries] = await Promise.all([
    attioWebhook(),
    partneroWebhook(),
    recent('partnero-to-attio'),
    recent('attio-to-partnero'),
    dead,
    conflicts(),
    attention(dead),
  ]);
  return {
    programId,
    displayName: registration.displayName,
    attio: connection
      ? {
          connected: true,
          workspaceName: connection.workspaceName,
          workspaceId: connection.workspaceId,
          connectedAt: connection.connectedAt,
          webhook: attioHealth,
          echoFilter: connection.actor !== null,
          setupIssues: attioSetupIssues(connection.workspaceCheck, settings.settings.partners.targetObject),
        }
      : { connected: false },
    sync: {
      started: settings.syncStartedAt !== null,
      startedAt: settings.syncStartedAt,
      detail: syncStateLine(settings.syncStartedAt, connection !== undefined),
    },
    partnero: { webhook: partneroHealth },
    recent: { 'partnero-to-attio': p2a, 'attio-to-partnero': a2p },
    deadLetters: {
      'partnero-to-attio': deadIn(deadLetters, 'partnero-to-attio'),
      'attio-to-partnero': deadIn(deadLetters, 'attio-to-partnero'),
    },
    deadLettered: deadLetters,
    conflicts: conflictCount,
    needsAttention: attentionEntries,
    settings: { version: settings.version, updatedAt: settings.updatedAt },
    checkedAt: now.toISOString(),
  };
}

function deadIn(
  dead: { readonly entries: readonly ProgramDeadLetter[] } | null,
  direction: SyncDirection,
): number | null {
  return dead === null ? null : dead.entries.filter((entry) => entry.direction === direction).length;
}

async function probe(read: () => Promise<WebhookHealth>, provider: string): Promise<WebhookHealth> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof ProviderHttpError && (error.status === 401 || error.status === 403)) {
      return { state: 'unknown', healthy: false, detail: `${provider} refused the stored credentials` };
    }
    if (error instanceof RetryableError)
      return { state: 'unknown', healthy: false, detail: `${provider} is not answering right now` };
    return { state: 'unknown', healthy: false, detail: `Could not ask ${provider}` };
  }
}
