import { sdkSqsBatchSender } from '../../../shared/aws/sqs-client';
import { SQSClient } from '@aws-sdk/client-sqs';
import { localCredentials, LOCAL_REGION } from '../../../local/aws/local-credentials';
import { sendQueueMessages } from '../../../shared/queue/send-queue-messages';
import { ConflictError } from '../../../shared/errors';
import { ProgramRepository } from '../../../shared/programs/program-repository';
import {
  readNeedsAttention,
  retryAttentionEntry,
  retryMessage,
  type RetryDependencies,
} from '../../../shared/settings/attention-retry';
import { AuditLog } from '../../../shared/sync/audit-log';
import { startAttioToPartneroHarness, type AttioToPartneroHarness } from '../attio-to-partnero/sync-harness';

/**
 * Needs attention on the local stack: a deal won for a buyer Partnero does not know is listed
 * with what to change; once the customer exists in Partnero, Retry puts the deal back on its
 * queue, the real worker pays it once, and the entry leaves the list by itself.
 */
describe('Needs attention', () => {
  let harness: AttioToPartneroHarness;
  let sqs: SQSClient;
  let deps: RetryDependencies;

  beforeAll(async () => {
    harness = await startAttioToPartneroHarness('needs-attention');
    sqs = new SQSClient({ endpoint: harness.stack.sqsEndpoint, region: LOCAL_REGION, credentials: localCredentials });
    deps = {
      programs: new ProgramRepository(harness.table),
      audit: new AuditLog(harness.table),
      retryQueue: {
        send: (direction, messages) =>
          sendQueueMessages(sdkSqsBatchSender(sqs), harness.stack.resources.queues[direction].url, messages),
      },
    };
  });
  afterAll(async () => {
    sqs?.destroy();
    await harness?.stop();
  });

  it('lists a won deal whose buyer Partnero lacks, and its Retry pays it once after the fix, then the entry leaves', async () => {
    // Prepare: a person Partnero has no customer for, on a deal moved to won.
    const person = harness.attio.control.createRecordAsMember('people', {
      email_addresses: ['nora@buyers.test'],
      name: { first_name: 'Nora', last_name: 'New', full_name: 'Nora New' },
    }) as { id: { record_id: string } };
    const dealId = await harness.aDeal('unknown-buyer', person.id.record_id, 700);
    await harness.settle();
    harness.moveDeal(dealId, 'won');
    await harness.settle();

    // Act 1: the list
    const listed = await readNeedsAttention(deps, harness.programId);

    // Assess 1
    const entry = listed.find((candidate) => candidate.sourceRecord.endsWith(`:${dealId}`));
    expect(entry).toMatchObject({
      kind: 'deal-without-customer',
      direction: 'attio-to-partnero',
      title: expect.stringContaining('Partnero has no customer'),
      happened: expect.stringContaining("Partnero does not know the deal's customer"),
      fix: expect.stringContaining('Add the buyer as a customer in Partnero'),
      retry: { direction: 'attio-to-partnero', recordId: dealId },
    });
    expect(harness.transactionsOf(dealId)).toEqual([]);

    // Act 2: the program manager adds the customer in Partnero, then presses Retry.
    harness.partnero.control.customers.create(harness.partneroProgramId, {
      key: 'customer-nora',
      email: 'nora@buyers.test',
      name: 'Nora',
      surname: 'New',
      partner: { id: harness.partnerId },
    });
    const retried = await retryAttentionEntry(deps, harness.programId, (entry as { id: string }).id);
    await harness.settle();

    // Assess 2
    expect(retried.queued).toBe(true);
    expect(harness.transactionsOf(dealId)).toEqual([
      expect.objectContaining({ key: dealId, amount: 700, customer: 'customer-nora' }),
    ]);
    const after = await readNeedsAttention(deps, harness.programId);
    expect(after.find((candidate) => candidate.id === entry?.id)).toBeUndefined();
    // The entry is gone, so a second Retry is refused rather than queued.
    await expect(retryAttentionEntry(deps, harness.programId, (entry as { id: string }).id)).rejects.toBeInstanceOf(
      ConflictError,
    );
  });

  it('never pays twice when the same retry reaches the worker again later', async () => {
    // Prepare: a deal paid through a Retry.
    const buyer = await harness.aBuyer('twice');
    const dealId = await harness.aDeal('twice', buyer.personId, 300);
    await harness.settle();
    harness.moveDeal(dealId, 'won');
    await harness.settle();
    const connection = await deps.programs.getAttioConnection(harness.programId);
    const dealsObjectId = (await harness.attioAsService.objects.list()).find((object) => object.api_slug === 'deals')
      ?.id.object_id as string;
    const target = { direction: 'attio-to-partnero', objectId: dealsObjectId, recordId: dealId } as const;

    // Act: the retry message of two different minutes (not deduplicated by SQS) for an already paid deal.
    for (const minute of [0, 1]) {
      await deps.retryQueue.send('attio-to-partnero', [
        retryMessage(
          harness.programId,
          target,
          connection?.workspaceId as string,
          new Date(Date.UTC(2026, 0, 1, 0, minute)),
        ),
      ]);
    }
    await harness.settle();

    // Assess
    expect(harness.transactionsOf(dealId)).toHaveLength(1);
  });
});
