import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { SqsBatchSender } from '../aws/sqs-batch-sender';
import { metrics } from '../observability/powertools';
import type { AuditDirection, AuditLog, SyncOutcome } from '../sync/audit-log';
import type { DeliveryContext, DeliveryInterpretation, DeliveryNote } from './delivery-interpretation';
import { sendQueueMessages } from '../queue/send-queue-messages';
import type { ParkedDelivery, ParkedDeliveryStore, WebhookProvider } from './parked-deliveries';

export type DeliveryHistory = Pick<AuditLog, 'record'>;

export interface SettlementDependencies {
  readonly sqs: SqsBatchSender;
  readonly queueUrl: string;
  readonly parked: Pick<ParkedDeliveryStore, 'park'>;
  readonly history: DeliveryHistory;
}

export interface SettledDelivery {
  readonly queued: number;
  readonly ignored: number;
  readonly parked?: ParkedDelivery;
}

/** The history direction of each provider's webhook. */
export const directionOfProvider: Readonly<Record<WebhookProvider, AuditDirection>> = {
  partnero: 'partnero-to-attio',
  attio: 'attio-to-partnero',
};

/**
 * Attio's header that stays the same across its retries of one delivery. It is not signed, so no
 * queue message is keyed by it (shared/attio-to-partnero/attio-event-deduplication.ts); a parked
 * delivery keeps it, so that Attio's retries of one unreadable delivery are parked once while two
 * real deliveries with byte-identical bodies are both kept.
 */
export const IDEMPOTENCY_HEADER = 'idempotency-key';

/**
 * Makes durable what a signed delivery asks, before it is acknowledged: what the service cannot
 * read is parked first (the provider will not send it again once answered), then the understood
 * events are queued, then the history says what was ignored or parked. A failure of any step
 * throws, the route answers 5xx and the provider retries: the parked id is the same on a retry,
 * and so are the delivery keys (Attio's within the event window; a later retry costs one
 * idempotent re-fetch), so nothing is kept or applied twice.
 */
export async function settleDelivery(
  provider: WebhookProvider,
  interpretation: DeliveryInterpretation,
  context: DeliveryContext,
  dependencies: SettlementDependencies,
): Promise<SettledDelivery> {
  const parked =
    interpretation.unreadable.length > 0
      ? await dependencies.parked.park({
          programId: context.programId,
          provider,
          rawBody: context.rawBody,
          idempotencyKey: context.headers[IDEMPOTENCY_HEADER]?.trim() || null,
          reason: interpretation.unreadable.map((note) => `${note.sourceEvent}: ${note.reason}`).join('; '),
          sourceEvents: [...new Set(interpretation.unreadable.map((note) => note.sourceEvent))],
          receivedAt: context.receivedAt,
        })
      : undefined;
  await sendQueueMessages(dependencies.sqs, dependencies.queueUrl, interpretation.messages);
  await recordIgnored(dependencies.history, provider, context.programId, interpretation.ignored, context.receivedAt);
  if (parked) {
    for (const note of interpretation.unreadable) {
      await dependencies.history.record({
        programId: context.programId,
        direction: directionOfProvider[provider],
        sourceEvent: note.sourceEvent,
        sourceRecord: note.sourceRecord ?? parkedRecordName(parked),
        targetRecord: null,
        outcome: 'parked',
        reason: `${note.reason}; the delivery was acknowledged and kept (parked ${parked.parkedId}) for an operator to replay once the service reads it`,
        at: context.receivedAt,
      });
      countOutcome(provider, 'parked');
    }
  }
  return { queued: interpretation.messages.length, ignored: interpretation.ignored.length, parked };
}

/** Documented events the sync does not use: one history entry each, nothing kept. */
export async function recordIgnored(
  history: DeliveryHistory,
  provider: WebhookProvider,
  programId: string,
  notes: readonly DeliveryNote[],
  at: string,
): Promise<void> {
  for (const note of notes) {
    await history.record({
      programId,
      direction: directionOfProvider[provider],
      sourceEvent: note.sourceEvent,
      sourceRecord: note.sourceRecord ?? `webhook:${provider}`,
      targetRecord: null,
      outcome: 'ignored',
      reason: note.reason,
      at,
    });
    countOutcome(provider, 'ignored');
  }
}

/** The direction's `SyncOutcome` metric, as the workers count theirs, so the dashboard's outcome chart shows these too. */
function countOutcome(provider: WebhookProvider, outcome: SyncOutcome): void {
  const metric = metrics.singleMetric();
  metric.addDimension('direction', directionOfProvider[provider]);
  metric.addDimension('outcome', outcome);
  metric.addMetric('SyncOutcome', MetricUnit.Count, 1);
}

/** How the history names a parked delivery that names no record of its own. */
export function parkedRecordName(parked: Pick<ParkedDelivery, 'provider' | 'parkedId'>): string {
  return `parked:${parked.provider}:${parked.parkedId}`;
}
