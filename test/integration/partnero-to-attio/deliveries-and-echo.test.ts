import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { interpretPartneroDelivery } from '../../../shared/partnero-to-attio/delivery-messages';
import { attioRecordsOf } from '../../../shared/attio/attio-records';
import { objectSchemaOf } from '../../../shared/attio/attio-schema';
import { fingerprintOfAttioRecord } from '../../../shared/attio/record-fingerprint';
import { syncAttributeSlugs } from '../../../shared/attio/sync-attribute-slugs';
import { syncedAttributeSlugs } from '../../../shared/attio/synced-attributes';
import { hmacSha256Hex } from '../../../shared/webhooks/verify-signature';
import { localSqsClient } from '../../support/local-aws-clients';
import * as syncWorld from './sync-world';
import { captureServerForTheBlock, partneroToAttioWorld } from './world-per-file';
import { messagesInQueue as queueDepth } from '../../support/queue-depth';

describe('Partnero deliveries: verified, deduplicated, order-proof, and our Attio echo recognisable', () => {
  const world = partneroToAttioWorld();
  const capture = captureServerForTheBlock();
  const sqs = localSqsClient();
  afterAll(() => sqs.destroy());

  const messagesInQueue = () => queueDepth(sqs, world.stack.resources.queues['partnero-to-attio'].url);

  // A signed body the service cannot read is acknowledged and parked, never refused (issue 13):
  // before, the malformed body got a 400, which Partnero retries.
  it('refuses a forged, missing or foreign signature, an unknown program and an oversized body, parks a signed malformed one, and writes nothing', async () => {
    // Prepare
    const program = await syncWorld.connectProgram(world);
    const body = JSON.stringify({
      event: 'partner.created',
      webhook_key: 'wh',
      created_at: '2025-05-07T10:30:00.000000Z',
      data: { id: 'forged-1', email: 'mallory@example.com', name: 'Mallory' },
    });
    const signed = (raw: string) => hmacSha256Hex(raw, program.webhookSecret);
    const oversized = JSON.stringify({
      event: 'partner.created',
      data: { id: 'big', email: 'big@example.com', name: 'x'.repeat(200_000) },
    });
    const malformed = JSON.stringify({ event: 'partner.created', data: { email: 'no-id@example.com' } });
    // Act
    const answers = [
      await syncWorld.postToPartneroRoute(world, program.programId, body, hmacSha256Hex(body, 'not-the-secret')),
      await syncWorld.postToPartneroRoute(world, program.programId, body, undefined),
      await syncWorld.postToPartneroRoute(world, program.programId, body, 'f'.repeat(64)),
      await syncWorld.postToPartneroRoute(world, 'prog_unknown', body, signed(body)),
      await syncWorld.postToPartneroRoute(world, program.programId, oversized, signed(oversized)),
      await syncWorld.postToPartneroRoute(world, program.programId, malformed, signed(malformed)),
    ];
    const queued = await messagesInQueue();
    await world.stack.waitUntilIdle();
    // Assess
    expect(answers.map((answer) => answer.status)).toEqual([401, 401, 401, 404, 413, 200]);
    expect(JSON.parse(answers[0]?.body ?? '{}')).toEqual({ message: 'Invalid signature' });
    expect(JSON.parse(answers[5]?.body ?? '{}')).toEqual({ accepted: 0, ignored: 0, parked: 1 });
    expect(queued).toBe(0);
    expect(syncWorld.recordsOf(world, program, 'people')).toHaveLength(0);
    expect(
      (await syncWorld.auditOf(world, program.programId)).map((entry) => [entry.sourceEvent, entry.outcome]),
    ).toEqual([['partner.created', 'parked']]);
  });

  it('applies the same delivery sent three times once, to one record, even past the SQS deduplication window', async () => {
    // Prepare
    const program = await syncWorld.connectProgram(world, { webhookUrl: capture.url });
    const partner = world.partnero.control.partners.create(program.programId, {
      email: 'once@example.com',
      name: 'Olive',
    });
    await world.partnero.control.flushDeliveries();
    const [delivery] = world.partnero.control.deliveries({ programId: program.programId, event: 'partner.created' });
    if (!delivery) throw new Error('no delivery');
    // Act
    const answers = [];
    for (let attempt = 0; attempt < 3; attempt += 1)
      answers.push(await syncWorld.postToPartneroRoute(world, program.programId, delivery.body, delivery.signature));
    await syncWorld.settle(world);
    // A redelivery after SQS's 5-minute window is a new message: the link finds it changes nothing.
    const [late] = interpretPartneroDelivery(JSON.parse(delivery.body), {
      programId: program.programId,
      rawBody: delivery.body,
      headers: {},
      receivedAt: new Date().toISOString(),
    }).messages;
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: world.stack.resources.queues['partnero-to-attio'].url,
        MessageBody: JSON.stringify(late?.message),
        MessageGroupId: late?.groupId,
        MessageDeduplicationId: 'after-the-window',
      }),
    );
    await syncWorld.settle(world);
    // Assess
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
    expect(syncWorld.recordsOf(world, program, 'people')).toHaveLength(1);
    const outcomes = (await syncWorld.auditOf(world, program.programId, `partner:${partner.id}`)).map(
      (entry) => entry.outcome,
    );
    expect([...outcomes].sort()).toEqual(['applied', 'noop']);
  });

  it('ends a burst of 20 updates delivered in random order in one record holding the last state', async () => {
    // Prepare
    const program = await syncWorld.connectProgram(world, { webhookUrl: capture.url });
    const partner = world.partnero.control.partners.create(program.programId, {
      email: 'burst@example.com',
      name: 'Version',
      surname: '0',
    });
    for (let version = 1; version <= 20; version += 1) {
      world.partnero.control.partners.update(program.programId, partner.id, {
        surname: String(version),
        email: version === 20 ? 'burst-final@example.com' : undefined,
      });
    }
    await world.partnero.control.flushDeliveries();
    const deliveries = world.partnero.control.deliveries({ programId: program.programId });
    const shuffled = [...deliveries].sort(() => Math.random() - 0.5);
    // Act
    const answers = await Promise.all(
      shuffled.map((delivery) =>
        syncWorld.postToPartneroRoute(world, program.programId, delivery.body, delivery.signature),
      ),
    );
    await syncWorld.settle(world);
    // Assess
    expect(deliveries).toHaveLength(21);
    expect(answers.every((answer) => answer.status === 200)).toBe(true);
    const people = syncWorld.recordsOf(world, program, 'people');
    expect(people).toHaveLength(1);
    expect(syncWorld.valuesOf(people[0], 'name')[0]).toMatchObject({ full_name: 'Version 20' });
    expect(syncWorld.valuesOf(people[0], 'email_addresses').map((value) => value.email_address)).toEqual([
      'burst-final@example.com',
    ]);
    const outcomes = (await syncWorld.auditOf(world, program.programId, `partner:${partner.id}`)).map(
      (entry) => entry.outcome,
    );
    expect(outcomes).toHaveLength(21);
    expect(outcomes.filter((outcome) => outcome === 'applied')).toHaveLength(1);
    expect(outcomes.every((outcome) => ['applied', 'noop', 'stale'].includes(outcome))).toBe(true);
  });

  it("lets the other direction recognise Attio's echo of our write by our actor and by the link hash", async () => {
    // Prepare
    const program = await syncWorld.connectProgram(world);
    await program.attio.webhooks.create(capture.url, [
      { event_type: 'record.created', filter: null },
      { event_type: 'record.updated', filter: null },
    ]);
    capture.bodies.length = 0;
    // Act
    const partner = world.partnero.control.partners.create(program.programId, {
      email: 'echo@example.com',
      name: 'Echo',
      surname: 'Location',
    });
    await syncWorld.settle(world);
    await world.attio.control.flushDeliveries();
    // Assess: every event of our write names our token's actor ...
    const events = capture.bodies.flatMap(
      (body) =>
        (JSON.parse(body) as { events: { event_type: string; actor: unknown; id: { record_id: string } }[] }).events,
    );
    const link = await syncWorld.linkOf(world, program.programId, 'partner', partner.id);
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((event) => event.id.record_id === link?.attioRecordId)).toBe(true);
    expect(events.map((event) => event.actor)).toEqual(events.map(() => program.actor));
    // ... and the re-fetched record hashes to the link's attioWrittenHash, until a person changes a synced value.
    const attio = attioRecordsOf(program.attio);
    const schema = objectSchemaOf(await attio.listAttributes('people'));
    const slugs = syncedAttributeSlugs('partner', program.settings);
    const ours = await program.attio.records.get('people', link?.attioRecordId as string);
    expect(fingerprintOfAttioRecord(ours?.values ?? {}, schema, slugs)).toBe(link?.attioWrittenHash);
    world.attio.control.updateRecordAsMember(
      'people',
      link?.attioRecordId as string,
      { job_title: 'Unsynced change' },
      { workspaceId: program.workspaceId },
    );
    const afterUnsyncedEdit = await program.attio.records.get('people', link?.attioRecordId as string);
    world.attio.control.updateRecordAsMember(
      'people',
      link?.attioRecordId as string,
      { [syncAttributeSlugs.partnerStatus]: 'edited by a human' },
      { workspaceId: program.workspaceId },
    );
    const afterSyncedEdit = await program.attio.records.get('people', link?.attioRecordId as string);
    expect(fingerprintOfAttioRecord(afterUnsyncedEdit?.values ?? {}, schema, slugs)).toBe(link?.attioWrittenHash);
    expect(fingerprintOfAttioRecord(afterSyncedEdit?.values ?? {}, schema, slugs)).not.toBe(link?.attioWrittenHash);
    expect(syncWorld.textOf(syncWorld.recordsOf(world, program, 'people')[0], 'job_title')).toBe('Unsynced change');
  });
});
