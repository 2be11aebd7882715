import * as z from 'zod';
import type { ProgramStore } from '../connect/attio-access';
import { ConflictError, ProgramNotFoundError } from '../errors';
import type { AuditLog } from '../sync/audit-log';
import type { DeadLetterRecords, ProgramDeadLetter as DeadLetterRecord } from '../queue/dead-letter-records';
import type { SyncMessage } from '../queue/sync-message';
import type { SyncDirection } from '../queue/sync-queues';
import { sqsDeduplicationId, sqsGroupId, type QueueMessage } from '../queue/send-queue-messages';
import {
  ATTENTION_HISTORY_WINDOW,
  needsAttention,
  type AttentionEntry,
  type ProgramDeadLetter,
  type RetryTarget,
} from './needs-attention';

/** The Retry route's body: the entry's id as the status data gives it. */
export const retryRequestSchema = z.object({ id: z.string().min(1).max(1200) }).strict();

/** Puts messages on a sync queue (the webhook routes' sender). */
export interface RetryQueue {
  send(direction: SyncDirection, messages: readonly QueueMessage[]): Promise<void>;
}

export interface ProgramDeadLetterList {
  list(programId: string): Promise<ProgramDeadLetter[]>;
}

/** The program's own dead-letter records (`shared/queue/dead-letter-records.ts`) as Needs attention lists them. */
export function attentionDeadLetters(records: readonly DeadLetterRecord[]): ProgramDeadLetter[] {
  return records.map((record) => ({
    direction: record.direction,
    sourceRecord: record.record,
    sourceEvent: record.sourceEvent,
    reason: record.reason,
    at: record.failedAt,
  }));
}

/** Needs attention's dead-letter list read from the program's dead-letter records. */
export function programDeadLetterList(records: Pick<DeadLetterRecords, 'open'>): ProgramDeadLetterList {
  return { list: async (programId) => attentionDeadLetters((await records.open(programId)).entries) };
}

export interface AttentionDependencies extends Pick<ProgramStore, 'programs'> {
  readonly audit: AuditLog;
  /** A per-program dead-letter list, when the deployment keeps one; the sync history's `failed` entries otherwise. */
  readonly programDeadLetters?: ProgramDeadLetterList;
}

export interface RetryDependencies extends AttentionDependencies {
  readonly retryQueue: RetryQueue;
}

/** The program's Needs attention list, computed from its newest sync history (and dead letters). */
export async function readNeedsAttention(deps: AttentionDependencies, programId: string): Promise<AttentionEntry[]> {
  const [page, deadLetters] = await Promise.all([
    deps.audit.listRecent(programId, { limit: ATTENTION_HISTORY_WINDOW }),
    deps.programDeadLetters ? deps.programDeadLetters.list(programId) : Promise.resolve([]),
  ]);
  return needsAttention(page.entries, deadLetters);
}

export interface RetryResult {
  readonly queued: true;
  readonly entry: AttentionEntry;
}

/**
 * Retry of one entry: the record goes back on its sync queue as the event a webhook would have
 * brought (the worker re-reads it from the provider, so the message carries nothing it trusts),
 * in the record's own FIFO group, through the same rules. Idempotent by construction: a
 * Partnero record is re-asserted on its tag, and a deal's commission is decided by its claim,
 * which never creates a second transaction. A double click within the same minute is one
 * message (same deduplication id). Only an entry on the current list can be retried, so the
 * route cannot be used to queue arbitrary records.
 */
export async function retryAttentionEntry(
  deps: RetryDependencies,
  programId: string,
  entryId: string,
  now: Date = new Date(),
): Promise<RetryResult> {
  const registration = await deps.programs.getRegistration(programId);
  if (!registration) throw new ProgramNotFoundError(programId);
  const entry = (await readNeedsAttention(deps, programId)).find((candidate) => candidate.id === entryId);
  if (!entry)
    throw new ConflictError(
      'attention-entry-gone',
      'This record no longer needs attention (it was fixed or retried meanwhile); reload the Status tab.',
    );
  if (!entry.retry)
    throw new ConflictError(
      'attention-entry-not-retryable',
      'This entry does not name a record the sync can look at again; fix it in the provider and it syncs at its next change.',
    );
  const workspaceId =
    entry.retry.direction === 'attio-to-partnero'
      ? (await deps.programs.getAttioConnection(programId))?.workspaceId
      : undefined;
  if (entry.retry.direction === 'attio-to-partnero' && !workspaceId)
    throw new ConflictError('attio-not-connected', 'Attio is not connected: connect it, then retry.');
  const message = retryMessage(programId, entry.retry, workspaceId ?? '', now);
  await deps.retryQueue.send(entry.direction, [message]);
  await deps.audit.record({
    programId,
    direction: 'settings',
    sourceEvent: 'needs-attention.retry',
    sourceRecord: entry.sourceRecord,
    targetRecord: null,
    outcome: 'applied',
    reason: `Retry requested from the Status tab: ${entry.title}`,
    at: now.toISOString(),
  });
  return { queued: true, entry };
}

/** The queue message of a retry; exported for its tests. */
export function retryMessage(programId: string, target: RetryTarget, workspaceId: string, now: Date): QueueMessage {
  const minute = Math.floor(now.getTime() / 60_000);
  if (target.direction === 'partnero-to-attio') {
    const deliveryKey = `retry:${programId}:${target.kind}:${target.partneroId}:${minute}`;
    const event = {
      event:
        target.kind === 'partner'
          ? 'partner.updated'
          : target.kind === 'customer'
            ? 'customer.updated'
            : 'transaction.created',
      url: null,
      webhook_key: null,
      created_at: now.toISOString(),
      // Thin, as some Partnero deliveries are: the worker reads the record itself, and no version means never stale.
      data: target.kind === 'partner' ? { id: target.partneroId } : { key: target.partneroId },
    };
    const message: SyncMessage = { programId, source: 'partnero', deliveryKey, receivedAt: now.toISOString(), event };
    return {
      groupId: sqsGroupId(programId, target.kind, target.partneroId),
      deduplicationId: sqsDeduplicationId(deliveryKey),
      message,
    };
  }
  const deliveryKey = `retry:${programId}:${target.recordId}:${minute}`;
  // A system actor is never taken for our own write; the worker re-fetches the record.
  const event = {
    event_type: 'record.created',
    id: { workspace_id: workspaceId, object_id: target.objectId, record_id: target.recordId },
    actor: { type: 'system', id: null },
  };
  const message: SyncMessage = { programId, source: 'attio', deliveryKey, receivedAt: now.toISOString(), event };
  return { groupId: sqsGroupId(programId, target.recordId), deduplicationId: sqsDeduplicationId(deliveryKey), message };
}
