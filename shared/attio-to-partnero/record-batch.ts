import type { SyncMessage } from '../queue/sync-message';
import { attioRecordEventSchema, mergedAwayRecordId, type RecordWorkClass } from './attio-event';
import type { AttioRecord } from './attio-record';
import type { SyncResult } from './sync-result';

/**
 * What the events of one SQS batch share: the coalescing of Attio's bursts.
 *
 * One human edit fans out into one `record.updated` per attribute (and a `system` recompute a
 * second later). They share a FIFO group, so they reach the worker together, or in two batches
 * when the first event was taken alone while the rest were still arriving. Every record is
 * fetched AFTER its batch was received, so one fetch reflects every event of the batch:
 *
 *   batch: [updated(stage), updated(value), updated(stage, system), updated(person X)]
 *            │ fetch deal, do the work      │ coalesced          │ coalesced  │ fetch X, work
 *            ▼                              ▼                    ▼            ▼
 *          applied                         noop                 noop        applied
 *
 * The work is per (record, class): a deletion or a merge is not the same work as a sync, so a
 * burst that ends with `record.deleted` still handles the deletion. A merge's moves are applied
 * before the first work on the surviving record, wherever its `record.merged` events sit in the
 * batch, so the survivor never pays a commission that its merged-away deal already paid.
 */
export class AttioEventBatch {
  private readonly records = new Map<string, Promise<AttioRecord | undefined>>();
  private readonly work = new Map<string, { readonly deliveryKey: string; readonly result: Promise<SyncResult> }>();
  private readonly merges = new Map<string, Set<string>>();

  constructor(messages: readonly SyncMessage[] = []) {
    for (const message of messages) {
      const event = attioRecordEventSchema.safeParse(message.event);
      if (!event.success) continue;
      const mergedAway = mergedAwayRecordId(event.data);
      if (mergedAway) this.noteMerge(message.programId, event.data.id.record_id, mergedAway);
    }
  }

  /** The record, fetched at most once per batch; a failed fetch is forgotten so the next event tries again. */
  record(
    programId: string,
    recordId: string,
    load: () => Promise<AttioRecord | undefined>,
  ): Promise<AttioRecord | undefined> {
    const key = `${programId}\n${recordId}`;
    let fetched = this.records.get(key);
    if (!fetched) {
      fetched = load();
      this.records.set(key, fetched);
      fetched.catch(() => this.records.delete(key));
    }
    return fetched;
  }

  noteMerge(programId: string, survivorRecordId: string, mergedAwayRecordId: string): void {
    const key = `${programId}\n${survivorRecordId}`;
    const known = this.merges.get(key) ?? new Set<string>();
    known.add(mergedAwayRecordId);
    this.merges.set(key, known);
  }

  /** The records this batch's `record.merged` events merged into the survivor. */
  mergedInto(programId: string, survivorRecordId: string): string[] {
    return [...(this.merges.get(`${programId}\n${survivorRecordId}`) ?? [])];
  }

  /**
   * Runs the work of a record once per batch. A later event of the same record and class gets
   * `noop` naming the event that did the work and its outcome (its own audit entry says more).
   */
  async once(
    programId: string,
    recordId: string,
    workClass: RecordWorkClass,
    deliveryKey: string,
    run: () => Promise<SyncResult>,
  ): Promise<SyncResult> {
    const key = `${programId}\n${recordId}\n${workClass}`;
    const earlier = this.work.get(key);
    if (!earlier) {
      const result = run();
      this.work.set(key, { deliveryKey, result });
      return result;
    }
    const settled = await earlier.result.then(
      (result) => `${result.outcome}: ${result.reason}`,
      (error: unknown) => `failed: ${error instanceof Error ? error.message : String(error)}`,
    );
    return {
      outcome: 'noop',
      targetRecord: null,
      reason: `coalesced: the same batch already brought this record's current state across (event ${earlier.deliveryKey}, ${settled})`,
    };
  }
}
