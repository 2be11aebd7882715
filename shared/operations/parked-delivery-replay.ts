import type { SqsBatchSender } from '../aws/sqs-batch-sender';
import { interpretRawDelivery, type DeliveryInterpreter } from '../webhooks/delivery-interpretation';
import { IDEMPOTENCY_HEADER, recordIgnored, type DeliveryHistory } from '../webhooks/delivery-settlement';
import { sendQueueMessages } from '../queue/send-queue-messages';
import type { ParkedDelivery, ParkedDeliveryStore, WebhookProvider } from '../webhooks/parked-deliveries';

/** How one provider's deliveries are read and where their events go: what its webhook route uses. */
export interface ParkedReplayRoute {
  readonly interpret: DeliveryInterpreter;
  readonly queueUrl: string;
}

export interface ParkedReplayOptions {
  readonly store: Pick<ParkedDeliveryStore, 'list' | 'remove' | 'recordFailedReplay'>;
  readonly history: DeliveryHistory;
  readonly sqs: SqsBatchSender;
  /** The routes of the providers to replay; a parked delivery of another provider is left alone. */
  readonly routes: Partial<Record<WebhookProvider, ParkedReplayRoute>>;
  /** Only this program's deliveries. */
  readonly programId?: string;
  /** Show what a replay would do now and change nothing. */
  readonly dryRun: boolean;
  /** Upper bound, so a replay of many deliveries is a deliberate act. */
  readonly maxDeliveries?: number;
  readonly now?: () => Date;
}

/**
 * - `queued`: now understood; its events are on the sync queue and it is no longer parked;
 * - `ignored`: now known as events the sync does not use; recorded so, no longer parked;
 * - `still-unreadable`: stays parked, with the reason the service gives today.
 */
export type ParkedReplayOutcome = 'queued' | 'ignored' | 'still-unreadable';

export interface ParkedReplayEntry {
  readonly parkedId: string;
  readonly programId: string;
  readonly provider: WebhookProvider;
  readonly receivedAt: string;
  readonly sourceEvents: string;
  readonly outcome: ParkedReplayOutcome;
  readonly queued: number;
  readonly reason: string;
}

export interface ParkedReplayResult {
  readonly entries: ParkedReplayEntry[];
  /** Deliveries no longer parked (queued or ignored); 0 in a dry run. */
  readonly replayed: number;
  readonly stillParked: number;
}

/**
 * Reads parked deliveries again with the service as it is now, oldest first. A delivery the
 * service now understands is queued exactly as if it had just arrived: same body, same receipt
 * time, same delivery keys (Partnero: the hash of the body; Attio: each event as signed and the
 * window of that receipt time). So the worker finds any of its events that were already applied done by
 * their links, versions and hashes (an Attio delivery's readable events were queued when it
 * arrived), and the commission claims still pay a won deal once.
 */
export async function replayParkedDeliveries(options: ParkedReplayOptions): Promise<ParkedReplayResult> {
  const now = options.now ?? (() => new Date());
  const candidates = (await options.store.list(options.programId))
    .filter((parked) => options.routes[parked.provider] !== undefined)
    .slice(0, options.maxDeliveries ?? 1000);
  const entries: ParkedReplayEntry[] = [];
  let replayed = 0;
  for (const parked of candidates) {
    const route = options.routes[parked.provider] as ParkedReplayRoute;
    const entry = await replayOne(parked, route, options, now);
    if (entry.outcome !== 'still-unreadable' && !options.dryRun) replayed += 1;
    entries.push(entry);
  }
  return { entries, replayed, stillParked: entries.length - replayed };
}

async function replayOne(
  parked: ParkedDelivery,
  route: ParkedReplayRoute,
  options: ParkedReplayOptions,
  now: () => Date,
): Promise<ParkedReplayEntry> {
  const context = {
    programId: parked.programId,
    rawBody: parked.rawBody,
    headers: parked.idempotencyKey ? { [IDEMPOTENCY_HEADER]: parked.idempotencyKey } : {},
    receivedAt: parked.receivedAt,
  };
  const interpretation = interpretRawDelivery(route.interpret, context);
  const described = {
    parkedId: parked.parkedId,
    programId: parked.programId,
    provider: parked.provider,
    receivedAt: parked.receivedAt,
    sourceEvents: parked.sourceEvents.join(', '),
  };
  if (interpretation.unreadable.length > 0) {
    const reason = interpretation.unreadable.map((note) => `${note.sourceEvent}: ${note.reason}`).join('; ');
    if (!options.dryRun) await options.store.recordFailedReplay(parked, reason, now().toISOString());
    return { ...described, outcome: 'still-unreadable', queued: 0, reason };
  }
  const outcome: ParkedReplayOutcome = interpretation.messages.length > 0 ? 'queued' : 'ignored';
  const reason =
    outcome === 'queued'
      ? `${interpretation.messages.length} event(s) for the sync queue`
      : interpretation.ignored.map((note) => note.reason).join('; ');
  if (!options.dryRun) {
    await sendQueueMessages(options.sqs, route.queueUrl, interpretation.messages);
    await recordIgnored(
      options.history,
      parked.provider,
      parked.programId,
      interpretation.ignored,
      now().toISOString(),
    );
    await options.store.remove(parked);
  }
  return { ...described, outcome, queued: interpretation.messages.length, reason };
}
