import { createHash } from 'node:crypto';

/**
 * How the Attio route recognises an event it has already queued: by what Attio signs, never by
 * its `Idempotency-Key` header, which is not signed (anyone holding a captured delivery could send
 * it again with a fresh key). Attio signs the raw body only, and the body carries no time, so two
 * real changes of one attribute by one actor are byte-identical: a key of the body alone, kept
 * for ever, would drop a deal moved won -> lost -> won. So the key is the event as signed plus a
 * fixed time window on the receive time, and the Attio -> Partnero queue holds every message back
 * for at least one window (its queue-level delivery delay, `deliveryDelaySecondsOf`):
 *
 *   receive time ──┼─────────── window k ────────────┼─────────── window k+1 ──────────┼──▶
 *                  kW                                (k+1)W
 *   won  E1          ● queued, id = (program, k, sha256(E1))
 *   lost E2             ● queued: another body
 *   E1 replayed            ● a fresh Idempotency-Key, the same id: dropped by SQS
 *   won  E3 (= E1)            ● byte-identical to E1, the same id: dropped
 *   E1 consumed                                      ▲ not before t1 + W ≥ (k+1)W > t3: the
 *                                                      re-fetch reads the deal as E3 left it
 *   E1 replayed again                                           ● window k+1: queued, one re-fetch
 *
 * - Nothing real is lost: whichever message of a window is kept is consumed after that window has
 *   closed (the delay counts from SQS's receipt of the message, after the receive time), and the
 *   worker always re-reads the record, so it sees every change the dropped copies announced:
 *   events hold ids only, never values.
 * - A replay costs at most one re-fetch per event per window: SQS's deduplication (5 minutes, per
 *   message group, and an event's record always maps to the same group) drops every copy inside
 *   the window the first one reached. Each re-fetch is idempotent (links, versions, hashes, the
 *   commission claim), so a replay never applies anything twice.
 * - Attio's own retries (exponential back-off over about 3 days) are the same: one inside the
 *   window is dropped, a later one costs one idempotent re-fetch.
 *
 * Nango dedupes Attio record events the same way, keyed on (workspace, object, record, class)
 * with a 7-second window, and runs the work delayed by as much.
 */

/**
 * The window W in AWS (stage setting `attioEventWindowSeconds`), a trade between two costs: every
 * Attio -> Partnero change waits W before the worker looks at it, and a replay loop buys one
 * re-fetch per captured event per W. At 5 s a won deal still pays within seconds (a person
 * watching Partnero barely notices), and a replay loop gets at most 12 re-fetches a minute per
 * event, each counted against the workspace's and the program's budgets. Nango chose 7 s.
 */
export const DEFAULT_ATTIO_EVENT_WINDOW_SECONDS = 5;

/** The local stack's and the tests' window: short, so that a change is synced within a second. */
export const LOCAL_ATTIO_EVENT_WINDOW_SECONDS = 1;

/**
 * SQS remembers a deduplication id for 5 minutes: a longer window would let a replay late in it
 * through. (A FIFO queue's delivery delay may be up to 15 minutes.)
 */
export const MAX_ATTIO_EVENT_WINDOW_SECONDS = 300;

/**
 * The delivery key (and so the SQS deduplication id) of one Attio record event: the program, the
 * index of the window its receipt falls in, and a SHA-256 of the event as delivered. The event is
 * hashed as parsed from the signed body (`JSON.stringify` keeps its keys in their delivered order),
 * so it covers all the signature covers of it: the record and its object, the attribute of an
 * update, the actor, and a merge's duplicate record. Whitespace between tokens, which Attio may
 * vary, does not change it.
 */
export function attioEventDeliveryKey(
  programId: string,
  event: unknown,
  receivedAt: string,
  windowSeconds: number,
): string {
  const digest = createHash('sha256').update(JSON.stringify(event)).digest('hex');
  return `attio:${programId}:w${eventWindowOf(receivedAt, windowSeconds)}:${digest}`;
}

/** The index of the fixed window of `windowSeconds` that the receipt falls in, counted from the epoch. */
export function eventWindowOf(receivedAt: string, windowSeconds: number): number {
  if (!Number.isInteger(windowSeconds) || windowSeconds < 1 || windowSeconds > MAX_ATTIO_EVENT_WINDOW_SECONDS)
    throw new RangeError(
      `the Attio event window must be 1 to ${MAX_ATTIO_EVENT_WINDOW_SECONDS} whole seconds, got ${windowSeconds}`,
    );
  const receivedMs = Date.parse(receivedAt);
  if (Number.isNaN(receivedMs)) throw new RangeError(`not a receive time: ${receivedAt}`);
  return Math.floor(receivedMs / (windowSeconds * 1000));
}
