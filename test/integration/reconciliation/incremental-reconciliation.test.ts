import { syncAttributeSlugs } from '../../../shared/attio/sync-attribute-slugs';
import {
  defaultReconciliationCadence,
  type ReconciliationCadence,
} from '../../../shared/reconciliation/reconciliation-cadence';
import type { RouteCount } from '../../../simulators/partnero/server/request-counter';
import { startBackfillWorld, type BackfillWorld } from '../backfill/backfill-world';
import { recordsOf, settle, textOf, type ConnectedProgram } from '../partnero-to-attio/sync-world';
import { reconcileOneProgram, releaseRepairs, type HeldRepairs } from './reconcile-one-program';
import { aMemberDeal, aMemberPerson, aProgramWithWonStage, quickRetries, somePartners } from './lost-webhook-records';

const PAGE_SIZE = 10;
const PARTNERS = 40;
const DEALS = 15;
const CHANGED_PARTNERS = 3;
/**
 * The production overlap is 15 minutes; here one second, so that records made a few seconds
 * before the first run already lie outside the second run's window (Partnero shows whole
 * seconds, so the records are made more than two seconds before).
 */
const cadence: ReconciliationCadence = { ...defaultReconciliationCadence, overlapMs: 1_000 };
const retry = quickRetries(2);
/** The full sweep of 40 partners and 15 deals must not run out of time on a loaded machine. */
const deadlineMs = 120_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Reads of one route since the counts were last reset. */
function readsOf(counts: Record<string, RouteCount>, route: string): number {
  return counts[route]?.reads ?? 0;
}

describe('incremental reconciliation', () => {
  let backfill: BackfillWorld;
  beforeAll(async () => {
    backfill = await startBackfillWorld();
  });
  afterAll(async () => {
    await backfill?.stop();
  });

  /** One run of the program's reconciliation, paged by PAGE_SIZE, at this file's cadence unless `options` says otherwise. */
  function reconcileInPages(
    program: ConnectedProgram,
    options: Parameters<typeof reconcileOneProgram>[3] = {},
  ): ReturnType<typeof reconcileOneProgram> {
    return reconcileOneProgram(backfill.world, program.programId, retry, {
      pageSize: PAGE_SIZE,
      dealPageSize: PAGE_SIZE,
      deadlineMs,
      cadence,
      ...options,
    });
  }

  /** A program (every webhook lost) with partners and deals, in Attio after one full sweep, and a buyer whose deal can be won. */
  async function aReconciledProgram(): Promise<{
    program: ConnectedProgram;
    won: string;
    buyersDeal: string;
    partnerIds: string[];
  }> {
    const { world } = backfill;
    const { program, won, lead } = await aProgramWithWonStage(backfill);
    const partnerIds = somePartners(world, program.programId, PARTNERS, 'P').map((partner) => partner.id);
    world.partnero.control.customers.create(program.programId, {
      key: 'buyer',
      email: 'buyer@shop.example',
      name: 'Bo',
      partner: { id: partnerIds[0] as string },
    });
    const person = aMemberPerson(world, program, 'buyer@shop.example');
    const aDeal = (name: string, people: string[] = []) =>
      aMemberDeal(world, program, { name, stage: lead, value: 400, people });
    const buyersDeal = aDeal('Buyer deal', [person]);
    for (let index = 1; index < DEALS; index += 1) aDeal(`Deal ${index}`);
    await settle(world);
    await sleep(2_100);
    const first = await reconcileInPages(program);
    await settle(world);
    expect(first).toMatchObject({
      mode: 'full',
      complete: true,
      skipped: [],
      checked: { partner: PARTNERS, deal: DEALS },
    });
    return { program, won, buyersDeal, partnerIds };
  }

  it('reads only the changes since the last run, and repairs the webhooks lost among them', async () => {
    // Prepare: a program of 40 partners and 15 deals, reconciled; then 3 partners join and a deal is won, every webhook lost.
    const { world } = backfill;
    const { program, won, buyersDeal } = await aReconciledProgram();
    const joined = somePartners(world, program.programId, CHANGED_PARTNERS, 'New').map((partner) => partner.id);
    world.attio.control.updateRecordAsMember('deals', buyersDeal, { stage: won }, { workspaceId: program.workspaceId });
    await settle(world);
    world.partnero.control.resetRequestCounts();
    world.attio.control.resetRequestCounts();
    const held: HeldRepairs = { 'partnero-to-attio': [], 'attio-to-partnero': [] };
    // Act
    const run = await reconcileInPages(program, { holdRepairs: held });
    // Assess the cost, before any worker calls a provider: the page of the 3 new partners and the one that shows nothing newer, one deal query.
    const partnero = world.partnero.control.requestCounts();
    const attio = world.attio.control.requestCounts();
    expect(run).toMatchObject({ mode: 'incremental', complete: true });
    expect(readsOf(partnero, '/v1/partners')).toBe(Math.ceil(CHANGED_PARTNERS / PAGE_SIZE) + 1);
    expect(readsOf(partnero, '/v1/customers')).toBe(1);
    expect(readsOf(partnero, '/v1/transactions')).toBe(1);
    expect(readsOf(attio, 'POST /v2/objects/{object}/records/query')).toBe(1);
    expect(run.checked.partner).toBeLessThanOrEqual(2 * PAGE_SIZE);
    expect(run.checked.deal).toBe(1);
    // Assess the repairs: what was lost since the last run.
    expect(run.repairs.map((repair) => repair.record).sort()).toEqual(
      [...joined.map((id) => `partner:${id}`), `attio:deals:${buyersDeal}`].sort(),
    );
    await releaseRepairs(world, held);
    await settle(world);
    const partnerIds = recordsOf(world, program, 'people').map((person) =>
      textOf(person, syncAttributeSlugs.partnerId),
    );
    for (const id of joined) expect(partnerIds).toContain(id);
    expect(
      world.partnero.control.transactions
        .list(program.programId)
        .filter((transaction) => transaction.key === buyersDeal),
    ).toHaveLength(1);
  });

  it('leaves what no provider lists by time to the full sweep, which comes when due', async () => {
    // Prepare: a reconciled program; a partner deleted in Partnero while its webhook was lost.
    const { world } = backfill;
    const { program, partnerIds } = await aReconciledProgram();
    const gone = partnerIds[5] as string;
    world.partnero.control.partners.delete(program.programId, gone);
    await settle(world);
    // Act: an incremental run, then one when the week is up (the interval shortened to now).
    const incremental = await reconcileInPages(program);
    const due = await reconcileInPages(program, { cadence: { ...cadence, fullSweepEveryMs: 0 } });
    await settle(world);
    // Assess
    expect(incremental).toMatchObject({ mode: 'incremental', complete: true, repairCount: 0 });
    expect(due).toMatchObject({ mode: 'full', complete: true, changesSince: null });
    expect(due.repairs).toEqual([expect.objectContaining({ record: `partner:${gone}`, event: 'partner.deleted' })]);
    expect(due.cursor?.fullSweepAt).toBe(due.startedAt);
    const person = recordsOf(world, program, 'people').find(
      (record) => textOf(record, syncAttributeSlugs.partnerId) === gone,
    );
    expect(textOf(person, syncAttributeSlugs.partnerStatus)).toBe('deleted');
  });
});
