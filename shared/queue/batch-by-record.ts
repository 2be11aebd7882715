import type { SQSBatchResponse, SQSRecord } from 'aws-lambda';

/**
 * Runs one SQS batch with its records' events side by side and each record's own events one
 * after another, and says which messages to give back:
 *
 *   batch:  [A1, B1, A2, C1, B2]        chains by record:  A: A1 ─▶ A2
 *                                                          B: B1 ─▶ B2    (A, B, C at once)
 *                                                          C: C1
 *   B1 fails ─▶ B2 is not tried; both are batch item failures, A and C are deleted.
 *
 * A failed message fails the rest of its record's chain, so a record's events are never applied
 * out of order; other records of the same message group go on (their order carries no meaning:
 * see `shared/queue/sync-queues.ts`). Failures are reported in the batch's order.
 */
export async function processBatchByRecord(
  records: readonly SQSRecord[],
  recordKeyOf: (record: SQSRecord) => string,
  handle: (record: SQSRecord) => Promise<void>,
): Promise<SQSBatchResponse> {
  const chains = new Map<string, SQSRecord[]>();
  for (const record of records) {
    const key = recordKeyOf(record);
    const chain = chains.get(key) ?? [];
    chain.push(record);
    chains.set(key, chain);
  }
  const failed = new Set<string>();
  await Promise.all(
    [...chains.values()].map(async (chain) => {
      for (let index = 0; index < chain.length; index += 1) {
        const record = chain[index] as SQSRecord;
        try {
          await handle(record);
        } catch {
          for (const skipped of chain.slice(index)) failed.add(skipped.messageId);
          return;
        }
      }
    }),
  );
  return {
    batchItemFailures: records
      .filter((record) => failed.has(record.messageId))
      .map((record) => ({ itemIdentifier: record.messageId })),
  };
}
