import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { eventWindowOf } from '../../../shared/attio-to-partnero/attio-event-deduplication';
import type { AuditEntry } from '../../../shared/sync/audit-log';
import { signed, startAttioToPartneroHarness, type AttioToPartneroHarness } from '../attio-to-partnero/sync-harness';

/** Longer than the local stack's 1 s, so that a test's few requests surely fit in one window on a busy machine. */
const WINDOW_SECONDS = 2;

/**
 * Attio signs the body only, and its `Idempotency-Key` is not signed: the route deduplicates on
 * the event as signed within a window, and the queue holds messages back by the window so that
 * real changes with byte-identical bodies are not lost (shared/attio-to-partnero/attio-event-deduplication.ts).
 * Through the real route, the local SQS (fauxqs) and the real worker.
 */
describe('Attio webhook route: replays of a signed delivery', () => {
  let harness: AttioToPartneroHarness;

  beforeAll(async () => {
    harness = await startAttioToPartneroHarness('a2p-replays', { attioEventWindowSeconds: WINDOW_SECONDS });
    // An exit from won reverses the commission: a lost change that was read as the last one would show.
    await harness.changeSettings((settings) => (settings.deals.reverseCommissionWhenUnwon = true));
  });
  afterAll(async () => {
    await harness?.stop();
  });

  const windowNow = () => eventWindowOf(new Date().toISOString(), WINDOW_SECONDS);

  /** Waits for the next window to begin, and returns it. */
  async function aFreshWindow(): Promise<number> {
    const windowMs = WINDOW_SECONDS * 1000;
    await sleep(windowMs - (Date.now() % windowMs) + 20);
    return windowNow();
  }

  /** The bodies Attio delivered since `from` for the deal's changes made by a workspace member. */
  function memberChangesOf(dealId: string, from: number): string[] {
    return harness.attio.control
      .deliveries()
      .slice(from)
      .map((delivery) => delivery.body)
      .filter((body) => {
        const [event] = (
          JSON.parse(body) as { events: { event_type: string; id: { record_id: string }; actor: { type: string } }[] }
        ).events;
        return (
          event?.event_type === 'record.updated' &&
          event.id.record_id === dealId &&
          event.actor.type === 'workspace-member'
        );
      });
  }

  /** A deal of that amount for a new buyer, moved to won and paid; the signed delivery of the win, and the commission and worker runs so far. */
  async function aPaidWonDeal(name: string, amount: number) {
    const buyer = await harness.aBuyer(name);
    const dealId = await harness.aDeal(name, buyer.personId, amount);
    await harness.settle();
    const deliveriesBefore = harness.attio.control.deliveries().length;
    harness.moveDeal(dealId, 'won');
    await harness.settle();
    const [won] = memberChangesOf(dealId, deliveriesBefore);
    if (!won) throw new Error('Attio delivered no webhook for the stage change');
    return { dealId, won, commissionBefore: harness.commission(), runsBefore: (await harness.history(dealId)).length };
  }

  const workerRunsAfter = async (dealId: string, seen: number): Promise<AuditEntry[]> =>
    (await harness.history(dealId)).slice(seen);

  it('does not queue a signed delivery again when it is replayed with a fresh Idempotency-Key inside the window', async () => {
    // Prepare: a won deal, paid, and the signed delivery that announced the win.
    const { dealId, won, commissionBefore, runsBefore } = await aPaidWonDeal('replayed', 500);

    // Act: a captured delivery sent three times, each with an Idempotency-Key of the attacker's choosing.
    const window = await aFreshWindow();
    const answers: number[] = [];
    for (let replay = 0; replay < 3; replay += 1)
      answers.push((await harness.deliver(won, signed(won, harness.webhookSecret, randomUUID()))).status);
    const stillInWindow = windowNow() === window;
    await harness.settle();

    // Assess
    expect(stillInWindow).toBe(true);
    expect(answers).toEqual([200, 200, 200]);
    const runs = await workerRunsAfter(dealId, runsBefore);
    expect(runs.map((entry) => entry.sourceEvent)).toEqual(['record.updated']);
    expect(harness.commission() - commissionBefore).toBeCloseTo(0, 6);
    expect(harness.transactionsOf(dealId)).toHaveLength(1);
  });

  it('queues the replay once more in a later window: one re-fetch, nothing paid twice', async () => {
    // Prepare
    const { dealId, won, commissionBefore, runsBefore } = await aPaidWonDeal('later', 300);

    // Act: one replay in each of two windows.
    await aFreshWindow();
    await harness.deliver(won, signed(won, harness.webhookSecret, randomUUID()));
    await aFreshWindow();
    await harness.deliver(won, signed(won, harness.webhookSecret, randomUUID()));
    await harness.settle();

    // Assess
    const runs = await workerRunsAfter(dealId, runsBefore);
    expect(runs).toHaveLength(2);
    expect(runs.every((entry) => /already created/.test(entry.reason))).toBe(true);
    expect(harness.commission() - commissionBefore).toBeCloseTo(0, 6);
  });

  /**
   * Moves the deal through the stages as a person would, each change delivered by Attio and
   * queued before the next is made (a worker that read the first message at once would see only
   * the first stage), all inside one window. Returns the bodies Attio delivered for them.
   */
  async function moveInOneWindow(dealId: string, stages: readonly ('won' | 'lost')[]): Promise<string[]> {
    const deliveriesBefore = harness.attio.control.deliveries().length;
    const window = await aFreshWindow();
    for (const [index, stage] of stages.entries()) {
      if (index > 0) await sleep(300);
      harness.moveDeal(dealId, stage);
      await harness.attio.control.flushDeliveries();
    }
    expect(windowNow()).toBe(window);
    return memberChangesOf(dealId, deliveriesBefore);
  }

  it('loses no real change: a deal moved won -> lost -> won inside one window, in byte-identical bodies, ends paid once', async () => {
    // Prepare
    const buyer = await harness.aBuyer('flipped');
    const dealId = await harness.aDeal('flipped', buyer.personId, 200);
    await harness.settle();
    const commissionBefore = harness.commission();
    const runsBefore = (await harness.history(dealId)).length;

    // Act
    const changes = await moveInOneWindow(dealId, ['won', 'lost', 'won']);
    await harness.settle();

    // Assess: an event names the attribute, never its value, so the three are one body, queued once...
    expect(changes).toHaveLength(3);
    expect(new Set(changes).size).toBe(1);
    const runs = await workerRunsAfter(dealId, runsBefore);
    expect(runs.map((entry) => entry.sourceEvent)).toEqual(['record.updated']);
    // ...and the deal's final state, won, reached Partnero: one live transaction, its commission paid once.
    expect(harness.transactionsOf(dealId)).toEqual([
      expect.objectContaining({ key: dealId, amount: 200, deleted_at: null, archived: false }),
    ]);
    expect(harness.commission() - commissionBefore).toBeCloseTo(60, 6);
    await expect(harness.claims.find(harness.programId, dealId)).resolves.toMatchObject({
      state: 'created',
      attempts: 1,
    });
  });

  it('reads the state after the window: a deal moved won -> lost inside one window pays nothing', async () => {
    // Prepare
    const buyer = await harness.aBuyer('unwon');
    const dealId = await harness.aDeal('unwon', buyer.personId, 700);
    await harness.settle();
    const commissionBefore = harness.commission();

    // Act
    const changes = await moveInOneWindow(dealId, ['won', 'lost']);
    await harness.settle();

    // Assess: the loss came as the win's very body, dropped; the win's message was read after it.
    expect(new Set(changes).size).toBe(1);
    expect(harness.transactionsOf(dealId).filter((transaction) => !transaction.archived)).toEqual([]);
    expect(harness.commission() - commissionBefore).toBeCloseTo(0, 6);
  });
});
