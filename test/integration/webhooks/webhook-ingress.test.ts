import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { localCredentials, LOCAL_REGION } from '../../../local/aws/local-credentials';
import { replayParkedDeliveries } from '../../../shared/operations/parked-delivery-replay';
import { interpretPartneroDelivery } from '../../../shared/partnero-to-attio/delivery-messages';
import type { DeliveryInterpreter } from '../../../shared/webhooks/delivery-interpretation';
import { ParkedDeliveryStore } from '../../../shared/webhooks/parked-deliveries';
import { hmacSha256Hex } from '../../../shared/webhooks/verify-signature';
import { localAwsEndpoints, localSqsClient } from '../../support/local-aws-clients';
import {
  auditOf,
  connectProgram,
  postToPartneroRoute,
  recordsOf,
  settle,
  startCaptureServer,
  startSyncWorld,
  type SyncWorld,
} from '../partnero-to-attio/sync-world';
import { sdkSqsBatchSender } from '../../../shared/aws/sqs-client';
import { messagesInQueue as queueDepth } from '../../support/queue-depth';

/**
 * The Partnero webhook route through the local stack's HTTP API: a correctly signed delivery is
 * always acknowledged (Partnero retries anything else), what the sync does not use is recorded
 * as ignored, what it cannot read is parked with its reason and replayed once it is understood.
 * Only a bad signature (401), an unknown program (404) and an oversized body (413) are refused.
 */
describe('Partnero webhook route: every signed delivery acknowledged, the unreadable kept for replay', () => {
  let world: SyncWorld;
  let capture: Awaited<ReturnType<typeof startCaptureServer>>;
  let parked: ParkedDeliveryStore;
  const sqs = localSqsClient();
  beforeAll(async () => {
    [world, capture] = await Promise.all([startSyncWorld(), startCaptureServer()]);
    parked = new ParkedDeliveryStore(world.table);
  });
  afterAll(async () => {
    await world?.stop();
    await capture?.stop();
    sqs.destroy();
  });

  const messagesInQueue = () => queueDepth(sqs, world.stack.resources.queues['partnero-to-attio'].url);

  const replay = (programId: string, interpret: DeliveryInterpreter, dryRun = false) =>
    replayParkedDeliveries({
      store: parked,
      history: world.audit,
      sqs: sdkSqsBatchSender(sqs),
      routes: { partnero: { interpret, queueUrl: world.stack.resources.queues['partnero-to-attio'].url } },
      programId,
      dryRun,
    });

  it('acknowledges a signed unknown event type, an odd shape and a body that is not JSON, parks each with its reason and writes nothing', async () => {
    // Prepare
    const program = await connectProgram(world, { webhookUrl: capture.url });
    const bodies = [
      JSON.stringify({ event: 'partner.teleported', data: { id: 'p-1' } }),
      JSON.stringify({ event: 'customer.updated', data: { customer: 'no-key-field' } }),
      JSON.stringify([{ event: 'partner.created' }]),
      'event=partner.created&id=p-1',
    ];
    // Act
    const answers = [];
    for (const body of bodies)
      answers.push(
        await postToPartneroRoute(world, program.programId, body, hmacSha256Hex(body, program.webhookSecret)),
      );
    await world.stack.waitUntilIdle();
    // Assess
    expect(answers.map((answer) => [answer.status, JSON.parse(answer.body)])).toEqual(
      bodies.map(() => [200, { accepted: 0, ignored: 0, parked: 1 }]),
    );
    expect(await messagesInQueue()).toBe(0);
    expect(recordsOf(world, program, 'people')).toHaveLength(0);
    const kept = await parked.list(program.programId);
    expect(kept.map((delivery) => delivery.rawBody).sort()).toEqual([...bodies].sort());
    expect(kept.find((delivery) => delivery.rawBody === bodies[0])?.reason).toBe(
      'partner.teleported: unknown Partnero event type partner.teleported',
    );
    expect(kept.find((delivery) => delivery.rawBody === bodies[1])?.reason).toContain(
      'does not name its record (data.key',
    );
    expect(kept.find((delivery) => delivery.rawBody === bodies[3])?.reason).toBe(
      '(not JSON): the body is not valid JSON',
    );
    const history = await auditOf(world, program.programId);
    expect(history.map((entry) => entry.outcome)).toEqual(['parked', 'parked', 'parked', 'parked']);
    expect(history.map((entry) => entry.sourceEvent).sort()).toEqual([
      '(no event)',
      '(not JSON)',
      'customer.updated',
      'partner.teleported',
    ]);
    // Nothing of the signature or the secret is kept with the delivery or in the history.
    const stored = JSON.stringify([kept, history]);
    expect(stored).not.toContain(program.webhookSecret);
    expect(stored).not.toContain(hmacSha256Hex(bodies[0] as string, program.webhookSecret));
  });

  it('parks a retried delivery once', async () => {
    // Prepare
    const program = await connectProgram(world, { webhookUrl: capture.url });
    const body = JSON.stringify({ event: 'partner.teleported', data: { id: 'p-2' } });
    // Act
    for (let attempt = 0; attempt < 3; attempt += 1)
      await postToPartneroRoute(world, program.programId, body, hmacSha256Hex(body, program.webhookSecret));
    // Assess
    expect(await parked.list(program.programId)).toHaveLength(1);
  });

  it('acknowledges a documented event the sync does not use and records it as ignored, keeping nothing', async () => {
    // Prepare
    const program = await connectProgram(world, { webhookUrl: capture.url });
    const body = JSON.stringify({
      event: 'lead.submitted',
      url: capture.url,
      webhook_key: 'wh',
      created_at: '2026-09-30T10:00:00.000000Z',
      data: { id: 7 },
    });
    // Act
    const answer = await postToPartneroRoute(
      world,
      program.programId,
      body,
      hmacSha256Hex(body, program.webhookSecret),
    );
    // Assess
    expect([answer.status, JSON.parse(answer.body)]).toEqual([200, { accepted: 0, ignored: 1, parked: 0 }]);
    expect(await parked.list(program.programId)).toEqual([]);
    expect(
      (await auditOf(world, program.programId)).map((entry) => [entry.sourceEvent, entry.outcome, entry.reason]),
    ).toEqual([['lead.submitted', 'ignored', 'Partnero event lead.submitted is not one the sync uses']]);
  });

  it('still refuses a bad signature, an unknown program and an oversized body, and keeps nothing of them', async () => {
    // Prepare
    const program = await connectProgram(world, { webhookUrl: capture.url });
    const body = JSON.stringify({ event: 'partner.teleported', data: { id: 'p-3' } });
    const oversized = JSON.stringify({ event: 'partner.teleported', data: { id: 'p-3', pad: 'x'.repeat(200_000) } });
    // Act
    const answers = [
      await postToPartneroRoute(world, program.programId, body, hmacSha256Hex(body, 'not-the-secret')),
      await postToPartneroRoute(world, program.programId, body, undefined),
      await postToPartneroRoute(world, 'prog_unknown', body, hmacSha256Hex(body, program.webhookSecret)),
      await postToPartneroRoute(world, program.programId, oversized, hmacSha256Hex(oversized, program.webhookSecret)),
    ];
    // Assess
    expect(answers.map((answer) => answer.status)).toEqual([401, 401, 404, 413]);
    expect(await parked.list(program.programId)).toEqual([]);
    expect(await auditOf(world, program.programId)).toEqual([]);
  });

  it('replays a parked delivery once the service reads it: the partner reaches Attio and the delivery is no longer parked', async () => {
    // Prepare: a partner.updated whose data names the partner in a field this release does not read.
    const program = await connectProgram(world, { webhookUrl: capture.url });
    const partner = world.partnero.control.partners.create(program.programId, {
      email: 'late@example.com',
      name: 'Lena',
      surname: 'Late',
    });
    const body = JSON.stringify({
      event: 'partner.updated',
      webhook_key: 'wh',
      created_at: '2026-09-30T10:00:00.000000Z',
      data: { partner_id: partner.id },
    });
    await postToPartneroRoute(world, program.programId, body, hmacSha256Hex(body, program.webhookSecret));
    // The next release reads `partner_id` too.
    const nextRelease: DeliveryInterpreter = (delivery, context) => {
      const data = (delivery as { data?: { partner_id?: string } }).data;
      return interpretPartneroDelivery(
        data?.partner_id ? { ...(delivery as object), data: { ...data, id: data.partner_id } } : delivery,
        context,
      );
    };

    // Act
    const dryRun = await replay(program.programId, nextRelease, true);
    const withThisRelease = await replay(program.programId, interpretPartneroDelivery);
    const withTheNext = await replay(program.programId, nextRelease);
    await settle(world);

    // Assess
    expect(dryRun.entries.map((entry) => entry.outcome)).toEqual(['queued']);
    expect(withThisRelease).toMatchObject({ replayed: 0, stillParked: 1, entries: [{ outcome: 'still-unreadable' }] });
    expect(withTheNext).toMatchObject({ replayed: 1, stillParked: 0, entries: [{ outcome: 'queued', queued: 1 }] });
    expect(await parked.list(program.programId)).toEqual([]);
    expect(recordsOf(world, program, 'people')).toHaveLength(1);
    const history = (await auditOf(world, program.programId)).map((entry) => [entry.sourceEvent, entry.outcome]);
    expect(history).toEqual([
      ['partner.updated', 'applied'],
      ['partner.updated', 'parked'],
    ]);
  });

  it('keeps a delivery that is still unreadable parked, counting the attempt and giving the newest reason', async () => {
    // Prepare
    const program = await connectProgram(world, { webhookUrl: capture.url });
    const body = 'not json at all';
    await postToPartneroRoute(world, program.programId, body, hmacSha256Hex(body, program.webhookSecret));
    // Act
    const result = await replay(program.programId, interpretPartneroDelivery);
    // Assess
    expect(result).toMatchObject({ replayed: 0, stillParked: 1 });
    expect(await parked.list(program.programId)).toMatchObject([
      {
        rawBody: body,
        replayAttempts: 1,
        reason: '(not JSON): the body is not valid JSON',
        lastReplayAt: expect.any(String),
      },
    ]);
  });

  it('is replayed by the operator script, which shows in a dry run what it would do without printing bodies', async () => {
    // Prepare
    const program = await connectProgram(world, { webhookUrl: capture.url });
    const body = JSON.stringify({ event: 'partner.teleported', data: { id: 'p-script', note: 'body-content-marker' } });
    await postToPartneroRoute(world, program.programId, body, hmacSha256Hex(body, program.webhookSecret));
    const [kept] = await parked.list(program.programId);
    const environment = {
      ...process.env,
      AWS_ENDPOINT_URL_DYNAMODB: localAwsEndpoints().dynamoDbEndpoint,
      AWS_ENDPOINT_URL_SQS: localAwsEndpoints().sqsEndpoint,
      AWS_REGION: LOCAL_REGION,
      AWS_ACCESS_KEY_ID: localCredentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey,
      SYNC_TABLE_NAME: world.stack.resources.syncTableName,
      PARTNERO_TO_ATTIO_QUEUE_URL: world.stack.resources.queues['partnero-to-attio'].url,
    };
    const runScript = (...args: string[]) =>
      new Promise<{ code: number; output: string }>((resolve) => {
        execFile(
          process.execPath,
          [
            '--import',
            'tsx',
            join(__dirname, '../../../scripts/replay-parked-deliveries.ts'),
            '--provider',
            'partnero',
            '--program',
            program.programId,
            ...args,
          ],
          { env: environment, timeout: 60_000 },
          (error, stdout, stderr) => resolve({ code: error ? 1 : 0, output: `${stdout}${stderr}` }),
        );
      });

    // Act
    const dryRun = await runScript('--dry-run');
    const afterDryRun = await parked.list(program.programId);
    const real = await runScript();

    // Assess
    expect(dryRun.code).toBe(0);
    expect(dryRun.output).toContain(kept?.parkedId);
    expect(dryRun.output).toContain('still-unreadable');
    expect(dryRun.output).toContain('nothing was changed');
    expect(dryRun.output).not.toContain('body-content-marker');
    expect(afterDryRun).toMatchObject([{ replayAttempts: 0 }]);
    expect(real.code).toBe(0);
    expect(real.output).toContain('replayed 0 delivery(ies); 1 still parked');
    expect(await parked.list(program.programId)).toMatchObject([{ replayAttempts: 1 }]);
  }, 120_000);
});
