/**
 * Benchmark 3: Attio and Partnero reads and writes per synced change, per event type, counted by
 * the simulators' own request counters, beside the fewest calls the change could need (floor)
 * and the issue's targets where it sets one. Run: npm run bench:provider-calls
 *
 * Provider calls are the true cost drivers: Attio's rate limits are per workspace.
 */
import { createAttioClient } from '../shared/attio/attio-client';
import type { RouteCount } from '../simulators/partnero/server/request-counter';
import { AttioBatchCapture } from './support/one-batch-replay';
import { inBenchWorld, type BenchWorld } from './support/bench-world';
import { connectAttioToPartnero, connectPartneroToAttio } from './support/connect-programs';
import { isSmoke, report, round, type BenchRow } from './support/report';

interface Calls {
  readonly attioReads: number;
  readonly attioWrites: number;
  readonly partneroReads: number;
  readonly partneroWrites: number;
}

interface Scenario {
  readonly change: string;
  /** Run before counting: whatever the change needs to exist already. */
  readonly prepare?: () => Promise<void> | void;
  readonly act: () => Promise<void> | void;
  /** The fewest calls the change needs, by our reading of the path (see the notes in the result). */
  readonly floor: Calls;
  /** The target, as a check on the measured calls. */
  readonly target?: {
    readonly text: string;
    readonly met: (calls: Calls, routes: Record<string, RouteCount>) => boolean;
  };
}

const BURST_ATTRIBUTES = 10;

async function scenarios(world: BenchWorld): Promise<Scenario[]> {
  const p2a = await connectPartneroToAttio(world);
  const a2p = await connectAttioToPartnero(world);
  const partners = world.partnero.control.partners;
  const customers = world.partnero.control.customers;
  let partnerId = '';
  const burstSlugs = Array.from({ length: BURST_ATTRIBUTES }, (_, index) => `bench_note_${index}`);
  let burstDealId = '';
  let wonDealId = '';
  let buyer = { customerKey: '', email: '', personId: '' };
  const capture = new AttioBatchCapture(world);

  return [
    {
      change: 'Partnero partner.created -> Attio person',
      act: () => {
        partnerId = partners.create(p2a.programId, { email: 'ada@partners.test', name: 'Ada', surname: 'Lovelace' }).id;
      },
      floor: { attioReads: 0, attioWrites: 1, partneroReads: 0, partneroWrites: 0 },
    },
    {
      change: 'Partnero partner.updated (mapped field) -> Attio',
      act: () => void partners.update(p2a.programId, partnerId, { surname: 'King' }),
      floor: { attioReads: 0, attioWrites: 1, partneroReads: 0, partneroWrites: 0 },
      target: {
        text: '1 write, 0 reads',
        met: (calls) => calls.attioWrites + calls.partneroWrites === 1 && calls.attioReads + calls.partneroReads === 0,
      },
    },
    {
      change: 'Partnero partner.updated, nothing mapped changed',
      act: () => void partners.update(p2a.programId, partnerId, { tags: ['bench'] }),
      floor: { attioReads: 0, attioWrites: 0, partneroReads: 0, partneroWrites: 0 },
      target: { text: '0 writes', met: (calls) => calls.attioWrites + calls.partneroWrites === 0 },
    },
    {
      change: 'Partnero customer.created -> Attio person',
      act: () =>
        void customers.create(p2a.programId, {
          key: 'cust-bench',
          email: 'carol@buyers.test',
          name: 'Carol',
          partner: { id: partnerId },
        }),
      floor: { attioReads: 0, attioWrites: 1, partneroReads: 0, partneroWrites: 0 },
    },
    {
      change: 'Partnero customer.updated -> Attio person',
      act: () => void customers.update(p2a.programId, 'cust-bench', { surname: 'Jones' }),
      floor: { attioReads: 0, attioWrites: 1, partneroReads: 0, partneroWrites: 0 },
    },
    {
      change: 'Partnero transaction.created -> Attio deal',
      act: () =>
        void world.partnero.control.transactions.create(p2a.programId, {
          key: 'sale-bench',
          amount: 120,
          amount_units: 'USD',
          customer: { key: 'cust-bench' },
        }),
      floor: { attioReads: 0, attioWrites: 1, partneroReads: 0, partneroWrites: 0 },
    },
    {
      change: 'Attio deal moved to won -> Partnero transaction',
      prepare: () => {
        buyer = a2p.aBuyer('winner');
        wonDealId = a2p.aDeal('won', buyer.personId, 1_000);
      },
      act: () => a2p.moveDealToWon(wonDealId),
      // The webhook names the record only: read the deal, then create the transaction.
      floor: { attioReads: 1, attioWrites: 0, partneroReads: 0, partneroWrites: 1 },
    },
    {
      change: `Attio burst: ${BURST_ATTRIBUTES} per-attribute events, one deal (via fauxqs)`,
      prepare: async () => {
        const attio = createAttioClient({ apiUrl: world.attio.url, accessToken: a2p.attioToken });
        for (const slug of burstSlugs)
          await attio.attributes.ensure('deals', { title: slug, api_slug: slug, type: 'text' });
        burstDealId = a2p.aDeal('burst', buyer.personId, 50);
      },
      act: () => {
        capture.start();
        world.attio.control.updateRecordAsMember(
          'deals',
          burstDealId,
          Object.fromEntries(burstSlugs.map((slug) => [slug, `edited ${slug}`])),
          { workspaceId: a2p.workspaceId },
        );
      },
      floor: { attioReads: 1, attioWrites: 0, partneroReads: 0, partneroWrites: 0 },
      target: { text: '1 re-fetch of the deal', met: (_calls, routes) => recordReads(routes) === 1 },
    },
    {
      change: 'the same burst handed to the worker in one SQS batch',
      prepare: () => {
        const captured = capture.stop();
        if (captured !== BURST_ATTRIBUTES)
          throw new Error(`expected ${BURST_ATTRIBUTES} burst messages, captured ${captured}`);
      },
      act: () => capture.replayAsOneBatch(),
      floor: { attioReads: 1, attioWrites: 0, partneroReads: 0, partneroWrites: 0 },
      target: { text: '1 re-fetch of the deal', met: (_calls, routes) => recordReads(routes) === 1 },
    },
    {
      change: 'Attio person updated -> Partnero customer',
      act: () =>
        void world.attio.control.updateRecordAsMember(
          'people',
          buyer.personId,
          { name: { first_name: 'Beatrice', last_name: 'Buyer', full_name: 'Beatrice Buyer' } },
          { workspaceId: a2p.workspaceId },
        ),
      floor: { attioReads: 1, attioWrites: 0, partneroReads: 0, partneroWrites: 1 },
    },
  ];
}

/** Reads of one record by id (the simulator counts per route template). */
function recordReads(routes: Record<string, RouteCount>): number {
  return Object.entries(routes)
    .filter(([route]) => /records\/\{[^}]+\}$/.test(route) || /records\/:[a-z_]+$/.test(route))
    .reduce((sum, [, count]) => sum + count.reads, 0);
}

function totals(routes: Record<string, RouteCount>): { reads: number; writes: number } {
  return Object.values(routes).reduce(
    (sum, count) => ({ reads: sum.reads + count.reads, writes: sum.writes + count.writes }),
    { reads: 0, writes: 0 },
  );
}

function describeRoutes(provider: string, routes: Record<string, RouteCount>): string[] {
  return Object.entries(routes).map(([route, count]) => `${provider} ${route} (${count.reads} r, ${count.writes} w)`);
}

async function main(): Promise<void> {
  await inBenchWorld({}, async (world) => {
    const rows: BenchRow[] = [];
    const detail: Record<string, string[]> = {};
    let missed = 0;
    for (const scenario of await scenarios(world)) {
      await scenario.prepare?.();
      await world.settle();
      world.attio.control.resetRequestCounts();
      world.partnero.control.resetRequestCounts();
      await scenario.act();
      await world.settle();
      const attioRoutes = world.attio.control.requestCounts();
      const partneroRoutes = world.partnero.control.requestCounts();
      const attio = totals(attioRoutes);
      const partnero = totals(partneroRoutes);
      const calls: Calls = {
        attioReads: attio.reads,
        attioWrites: attio.writes,
        partneroReads: partnero.reads,
        partneroWrites: partnero.writes,
      };
      const all = calls.attioReads + calls.attioWrites + calls.partneroReads + calls.partneroWrites;
      const floor =
        scenario.floor.attioReads +
        scenario.floor.attioWrites +
        scenario.floor.partneroReads +
        scenario.floor.partneroWrites;
      const met = scenario.target ? scenario.target.met(calls, attioRoutes) : undefined;
      if (met === false) missed += 1;
      rows.push({
        change: scenario.change,
        'Attio r/w': `${calls.attioReads}/${calls.attioWrites}`,
        'Partnero r/w': `${calls.partneroReads}/${calls.partneroWrites}`,
        'floor r/w (A;P)': `${scenario.floor.attioReads}/${scenario.floor.attioWrites}; ${scenario.floor.partneroReads}/${scenario.floor.partneroWrites}`,
        'calls / floor': floor === 0 ? (all === 0 ? 1 : `${all} (floor 0)`) : round(all / floor, 2),
        target: scenario.target ? `${scenario.target.text}: ${met ? 'met' : 'MISSED'}` : '-',
      });
      detail[scenario.change] = [
        ...describeRoutes('Attio', attioRoutes),
        ...describeRoutes('Partnero', partneroRoutes),
      ];
    }
    for (const [change, calls] of Object.entries(detail)) console.log(`${change}: ${calls.join(', ') || 'no calls'}`);
    report(
      'provider-calls',
      rows,
      {
        calls: detail,
        targetsMissed: missed,
        method:
          'one change at a time on the local stack; counts from the simulators request counters between settle() calls',
        emulatorCaveat:
          'fauxqs (the local SQS) hands out at most one message per FIFO group per receive; SQS FIFO ' +
          'returns several messages of one group in a batch, which is what the worker coalesces. A ' +
          'burst is therefore not coalesced on the local stack; the row after it gives the same ten ' +
          'messages to the real worker handler as one batch, under fresh delivery keys.',
        floors:
          'fewest calls by our reading: a Partnero webhook carries the whole record (1 Attio write, ' +
          'no read); an Attio webhook names the record only (1 read), a paid commission or a ' +
          'customer change is 1 Partnero write',
      },
      { smoke: isSmoke },
    );
  });
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
