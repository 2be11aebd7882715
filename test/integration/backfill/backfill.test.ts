import { readBackfillProgress } from '../../../shared/backfill/backfill-progress';
import { BackfillStore } from '../../../shared/backfill/backfill-store';
import { startBackfill } from '../../../shared/backfill/start-backfill';
import { syncAttributeSlugs } from '../../../shared/attio/sync-attribute-slugs';
import { linkOf, recordsOf, settle, textOf, valuesOf, type ConnectedProgram } from '../partnero-to-attio/sync-world';
import { startBackfillWorld, type BackfillWorld } from './backfill-world';

describe('backfill of existing Partnero records', () => {
  let backfill: BackfillWorld;
  beforeAll(async () => {
    backfill = await startBackfillWorld();
  });
  afterAll(async () => {
    await backfill?.stop();
  });

  const everything = {
    configure: (settings: ConnectedProgram['settings']) => {
      settings.customers.enabled = true;
    },
  };

  /** Partners `p1…pN` and, per partner, a customer with one sale: all made before the sync knew the program. */
  function seedPartnero(
    program: ConnectedProgram,
    partners: number,
  ): { partnerIds: string[]; customerKeys: string[]; saleKeys: string[] } {
    const control = backfill.world.partnero.control;
    const partnerIds: string[] = [];
    const customerKeys: string[] = [];
    const saleKeys: string[] = [];
    for (let index = 1; index <= partners; index += 1) {
      const partner = control.partners.create(program.programId, {
        email: `partner${index}@affiliates.example`,
        name: 'Partner',
        surname: `No${index}`,
      });
      partnerIds.push(partner.id);
      const customer = control.customers.create(program.programId, {
        key: `cust-${index}`,
        email: `buyer${index}@shop.example`,
        name: 'Buyer',
        surname: `No${index}`,
        partner: { id: partner.id },
      });
      customerKeys.push(customer.key);
      control.transactions.create(program.programId, {
        key: `sale-${index}`,
        amount: 10 * index,
        customer: { key: customer.key },
      });
      saleKeys.push(`sale-${index}`);
    }
    return { partnerIds, customerKeys, saleKeys };
  }

  async function requestBackfill(
    program: ConnectedProgram,
    kinds: ('partner' | 'customer' | 'transaction')[],
  ): Promise<string> {
    const started = await startBackfill(
      { store: new BackfillStore(backfill.world.table), audit: backfill.world.audit },
      program.programId,
      kinds,
      'admin',
    );
    return started.run.runId;
  }

  async function runToTheEnd(pageSize: number): Promise<void> {
    for (let pass = 0; pass < 10; pass += 1) {
      const passes = await backfill.runBackfills({ pageSize });
      await settle(backfill.world);
      if (passes.every((entry) => entry.outcome === 'listed' || entry.outcome === 'gone')) return;
      if (passes.some((entry) => entry.outcome === 'failed'))
        throw new Error(`a backfill failed: ${JSON.stringify(passes)}`);
    }
    throw new Error('the backfill did not finish in 10 passes');
  }

  it('syncs every partner, customer and sale once, adopting the people the sales team already had', async () => {
    // Prepare
    const { world } = backfill;
    const program = await backfill.quietProgram(everything);
    const seeded = seedPartnero(program, 7);
    // The sales team already knows partner 2 and buyer 3, untagged.
    world.attio.control.createRecordAsMember(
      'people',
      {
        email_addresses: ['partner2@affiliates.example'],
        name: { first_name: 'Known', last_name: 'Partner', full_name: 'Known Partner' },
      },
      { workspaceId: program.workspaceId },
    );
    world.attio.control.createRecordAsMember(
      'people',
      { email_addresses: ['buyer3@shop.example'] },
      { workspaceId: program.workspaceId },
    );
    await settle(world);
    expect(recordsOf(world, program, 'people')).toHaveLength(2);
    // Act
    await requestBackfill(program, ['partner', 'customer', 'transaction']);
    await runToTheEnd(3);
    // Assess: one person per partner and per buyer (14), the two known ones among them; one deal per sale.
    const people = recordsOf(world, program, 'people');
    expect(people).toHaveLength(14);
    const emails = people
      .flatMap((person) => valuesOf(person, 'email_addresses').map((value) => value.email_address))
      .sort();
    expect(new Set(emails).size).toBe(14);
    for (const [index, partnerId] of seeded.partnerIds.entries()) {
      const tagged = people.filter((person) => textOf(person, syncAttributeSlugs.partnerId) === partnerId);
      expect(tagged).toHaveLength(1);
      expect(valuesOf(tagged[0], 'email_addresses')[0]?.email_address).toBe(`partner${index + 1}@affiliates.example`);
      expect((await linkOf(world, program.programId, 'partner', partnerId))?.attioRecordId).toBe(
        tagged[0]?.id.record_id,
      );
    }
    const knownPartner = people.find(
      (person) => valuesOf(person, 'email_addresses')[0]?.email_address === 'partner2@affiliates.example',
    );
    expect(textOf(knownPartner, syncAttributeSlugs.partnerId)).toBe(seeded.partnerIds[1]);
    const knownBuyer = people.find(
      (person) => valuesOf(person, 'email_addresses')[0]?.email_address === 'buyer3@shop.example',
    );
    expect(textOf(knownBuyer, syncAttributeSlugs.customerKey)).toBe('cust-3');
    const deals = recordsOf(world, program, 'deals');
    expect(deals.map((deal) => textOf(deal, syncAttributeSlugs.transactionKey)).sort()).toEqual(
      [...seeded.saleKeys].sort(),
    );
    const progress = await readBackfillProgress(world.table, program.programId);
    expect(progress).toMatchObject({ state: 'done', trigger: 'admin' });
    expect(progress?.kinds.map((kind) => [kind.kind, kind.state, kind.done, kind.total, kind.totalKnown])).toEqual([
      ['partner', 'done', 7, 7, true],
      ['customer', 'done', 7, 7, true],
      ['transaction', 'done', 7, 7, true],
    ]);
  });

  it('a second backfill of a synced program changes nothing in Attio', async () => {
    // Prepare
    const { world } = backfill;
    const program = await backfill.quietProgram(everything);
    seedPartnero(program, 4);
    await requestBackfill(program, ['partner', 'customer', 'transaction']);
    await runToTheEnd(100);
    const before = { people: recordsOf(world, program, 'people'), deals: recordsOf(world, program, 'deals') };
    world.attio.control.resetRequestCounts();
    // Act
    await requestBackfill(program, ['partner', 'customer', 'transaction']);
    await runToTheEnd(100);
    // Assess
    expect(recordsOf(world, program, 'people')).toEqual(before.people);
    expect(recordsOf(world, program, 'deals')).toEqual(before.deals);
    const writes = Object.values(world.attio.control.requestCounts()).reduce((sum, count) => sum + count.writes, 0);
    expect(writes).toBe(0);
    expect(
      (await readBackfillProgress(world.table, program.programId))?.kinds.map((kind) => [kind.done, kind.total]),
    ).toEqual([
      [4, 4],
      [4, 4],
      [4, 4],
    ]);
  });

  it('resumes a runner killed between sending a page and its checkpoint, from that checkpoint, without duplicates', async () => {
    // Prepare
    const { world } = backfill;
    const program = await backfill.quietProgram();
    const seeded = seedPartnero(program, 12);
    await requestBackfill(program, ['partner']);
    world.partnero.control.resetRequestCounts();
    let pagesSent = 0;
    const crashOnSecondPage = async () => {
      pagesSent += 1;
      if (pagesSent === 2) throw new Error('runner killed');
    };
    // Act: page 1 checkpointed, page 2 sent and then the runner dies.
    const crashed = await backfill.runBackfills({ pageSize: 5, afterPageSent: crashOnSecondPage });
    await settle(world);
    const interrupted = await readBackfillProgress(world.table, program.programId);
    await runToTheEnd(5);
    // Assess
    expect(crashed).toEqual([
      { programId: program.programId, outcome: 'failed', pages: 0, enqueued: 0, reason: 'Error: runner killed' },
    ]);
    expect(interrupted?.kinds[0]).toMatchObject({ kind: 'partner', state: 'listing', total: 5, totalKnown: false });
    // Pages 1 and 2 before the crash, then 2 (again) and 3: page 1 was not listed twice.
    expect(world.partnero.control.requestCounts()['/v1/partners']?.reads).toBe(4);
    const people = recordsOf(world, program, 'people');
    expect(people).toHaveLength(12);
    expect(people.map((person) => textOf(person, syncAttributeSlugs.partnerId)).sort()).toEqual(
      [...seeded.partnerIds].sort(),
    );
    expect((await readBackfillProgress(world.table, program.programId))?.kinds).toEqual([
      expect.objectContaining({ kind: 'partner', state: 'done', done: 12, total: 12 }),
    ]);
  });

  it('rides out Partnero throttling: the throttled pass fails alone and the next one resumes from the checkpoint', async () => {
    // Prepare
    const { world } = backfill;
    const program = await backfill.quietProgram();
    seedPartnero(program, 4);
    await requestBackfill(program, ['partner']);
    // The client passes a 429 on at once (nothing waits inside a Lambda): one fails the pass.
    world.partnero.control.injectFault({ kind: '429', count: 1, route: 'GET /v1/partners' });
    // Act
    const throttled = await backfill.runBackfills({ pageSize: 2 });
    await runToTheEnd(2);
    // Assess
    expect(throttled).toEqual([
      expect.objectContaining({
        programId: program.programId,
        outcome: 'failed',
        reason: expect.stringMatching(/RateLimited/),
      }),
    ]);
    expect(recordsOf(world, program, 'people')).toHaveLength(4);
    expect((await readBackfillProgress(world.table, program.programId))?.kinds).toEqual([
      expect.objectContaining({ state: 'done', done: 4, total: 4 }),
    ]);
  });

  it('starts on demand through the admin API and runs on the scheduled runner', async () => {
    // Prepare
    const { world } = backfill;
    const program = await backfill.quietProgram();
    seedPartnero(program, 3);
    const url = `${world.stack.apiUrl}/admin/programs/${program.programId}/backfill`;
    // Act
    const refused = await fetch(url, {
      method: 'POST',
      headers: { authorization: 'Bearer not-the-admin-token-at-all' },
    });
    const accepted = await fetch(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${backfill.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ kinds: ['partner', 'customer'] }),
    });
    const again = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${backfill.adminToken}` } });
    await world.stack.runScheduled('backfill-runner');
    await settle(world);
    const progress = await fetch(url, { headers: { authorization: `Bearer ${backfill.adminToken}` } });
    // Assess
    expect(refused.status).toBe(403);
    expect(accepted.status).toBe(202);
    // Customer sync is off for this program: only partners are backfilled.
    expect(await accepted.json()).toMatchObject({
      started: true,
      skippedKinds: ['customer'],
      progress: { state: 'pending', kinds: [{ kind: 'partner', state: 'pending' }] },
    });
    expect(await again.json()).toMatchObject({ started: false });
    expect(await progress.json()).toMatchObject({
      progress: { state: 'done', trigger: 'admin', kinds: [{ kind: 'partner', state: 'done', done: 3, total: 3 }] },
    });
    expect(recordsOf(world, program, 'people')).toHaveLength(3);
  });
});
