import { sdkSqsBatchSender } from '../../../shared/aws/sqs-client';
import { attioSyncAttributeSlugs as slugs } from '../../../shared/programs/attio-sync-attributes';
import { refreshPartnerFigures } from '../../../shared/partner-performance/refresh-partner-figures';
import { sendQueueMessages } from '../../../shared/queue/send-queue-messages';
import { ProgramRepository } from '../../../shared/programs/program-repository';
import { SQSClient } from '@aws-sdk/client-sqs';
import { localCredentials, LOCAL_REGION } from '../../../local/aws/local-credentials';
import type { AttioRecordJson } from '../chaos/chaos-oracle';
import { startCalmWorld } from '../chaos/calm-world';
import { referCustomer, sellToCustomer } from '../chaos/calm-scenario';
import type { ChaosWorld } from '../chaos/chaos-world';

/**
 * Partner figures on the local stack: the partner's Attio record shows what Partnero counts for
 * it (`GET /partners/{id}`), refreshed by the scheduled job after sales that sent no partner
 * webhook, and a refresh that finds the same figures writes nothing.
 */
describe('partner performance on the partner record', () => {
  let world: ChaosWorld;
  let sqs: SQSClient;
  beforeAll(async () => {
    world = await startCalmWorld(11);
    sqs = new SQSClient({ endpoint: world.stack.sqsEndpoint, region: LOCAL_REGION, credentials: localCredentials });
  });
  afterAll(async () => {
    sqs?.destroy();
    await world?.stop();
  });

  const current = (record: AttioRecordJson | undefined, slug: string): unknown =>
    (record?.values[slug]?.find((entry) => !entry.active_until) as { value?: unknown } | undefined)?.value;
  const partnerRecord = (partnerId: string) =>
    (world.attio.control.records('people', world.program.workspaceId) as AttioRecordJson[]).find(
      (record) => current(record, slugs.partnerId) === partnerId,
    );
  async function partnerHistory(partnerId: string) {
    const page = await world.audit.listRecent(world.program.programId, {
      direction: 'partnero-to-attio',
      sourceRecord: `partner:${partnerId}`,
      limit: 50,
    });
    return page.entries;
  }

  it('writes the default figures on the partner change, refreshes them on schedule, and writes nothing when they did not move', async () => {
    // Prepare
    const { partnero, program } = world;
    const partner = partnero.control.partners.create(program.partneroProgramId, {
      email: 'fig@affiliates.test',
      name: 'Fig',
      surname: 'Partner',
    });
    await world.drain(20_000);
    const atCreation = partnerRecord(partner.id);
    referCustomer(world, partner, { key: 'cust-fig', email: 'fig-buyer@buyers.test', name: 'Fay', surname: 'Buyer' });
    sellToCustomer(world, 'cust-fig', { key: 'fig-sale', amount: 80 });
    await world.drain(20_000);

    // Act 1: the scheduled job, as EventBridge runs it.
    const run = (await world.stack.runScheduled('partner-performance')) as { programs: number; queued: number };
    await world.drain(20_000);

    // Assess 1
    expect([
      current(atCreation, slugs.partnerClicks),
      current(atCreation, slugs.partnerSignups),
      current(atCreation, slugs.partnerSalesCount),
      current(atCreation, slugs.partnerRevenue),
    ]).toEqual([0, 0, 0, '0']);
    expect(run.queued).toBeGreaterThanOrEqual(1);
    const refreshed = partnerRecord(partner.id);
    expect([
      current(refreshed, slugs.partnerSignups),
      current(refreshed, slugs.partnerSalesCount),
      current(refreshed, slugs.partnerRevenue),
    ]).toEqual([1, 1, '80.00 USD']);
    // Commissions and the referrals count are off by default.
    expect(current(refreshed, slugs.partnerCommissions)).toBeUndefined();

    // Act 2: not due again within the day; a day later the same figures are read again.
    const soon = (await world.stack.runScheduled('partner-performance')) as { queued: number };
    const deps = {
      table: world.table,
      programs: new ProgramRepository(world.table),
      send: (messages: Parameters<typeof sendQueueMessages>[2]) =>
        sendQueueMessages(sdkSqsBatchSender(sqs), world.stack.resources.queues['partnero-to-attio'].url, messages),
    };
    const nextDay = await refreshPartnerFigures(deps, new Date(Date.now() + 25 * 3_600_000));
    await world.drain(20_000);

    // Assess 2
    expect(soon.queued).toBe(0);
    expect(nextDay.find((summary) => summary.programId === program.programId)?.queued).toBeGreaterThanOrEqual(1);
    const [latest] = await partnerHistory(partner.id);
    expect(latest).toMatchObject({ outcome: 'noop', reason: expect.stringContaining('changes nothing mapped') });
  });
});
