import { randomUUID } from 'node:crypto';
import { LOCAL_ATTIO_EVENT_WINDOW_SECONDS } from '../../../shared/attio-to-partnero/attio-event-deduplication';
import { interpretAttioDelivery } from '../../../shared/attio-to-partnero/delivery-messages';
import { replayParkedDeliveries } from '../../../shared/operations/parked-delivery-replay';
import { AuditLog } from '../../../shared/sync/audit-log';
import type { DeliveryInterpreter } from '../../../shared/webhooks/delivery-interpretation';
import { ParkedDeliveryStore } from '../../../shared/webhooks/parked-deliveries';
import { localSqsClient } from '../../support/local-aws-clients';
import { signed, startAttioToPartneroHarness, type AttioToPartneroHarness } from '../attio-to-partnero/sync-harness';
import { sdkSqsBatchSender } from '../../../shared/aws/sqs-client';

/**
 * The Attio webhook route through the local stack's HTTP API. Attio retries anything but a 200
 * or 202 and marks the webhook degraded, then inactive: a correctly signed delivery is always
 * acknowledged; documented events the sync does not use are recorded as ignored; an unknown event
 * type, an unexpected shape or a body that is not JSON is parked for replay.
 */
describe('Attio webhook route: every signed delivery acknowledged, the unreadable kept for replay', () => {
  let harness: AttioToPartneroHarness;
  let parked: ParkedDeliveryStore;
  let audit: AuditLog;
  const sqs = localSqsClient();

  beforeAll(async () => {
    harness = await startAttioToPartneroHarness('a2p-parking');
    parked = new ParkedDeliveryStore(harness.table);
    audit = new AuditLog(harness.table);
  });
  afterAll(async () => {
    await harness?.stop();
    sqs.destroy();
  });

  async function deliver(body: string, idempotencyKey = randomUUID()): Promise<{ status: number; json: unknown }> {
    const response = await harness.deliver(body, signed(body, harness.webhookSecret, idempotencyKey));
    return { status: response.status, json: await response.json() };
  }

  const parkedBody = (body: string) =>
    parked.list(harness.programId).then((all) => all.find((delivery) => delivery.rawBody === body));
  const entriesAbout = async (sourceEvent: string) =>
    (await audit.listRecent(harness.programId, { direction: 'attio-to-partnero', limit: 200 })).entries.filter(
      (entry) => entry.sourceEvent === sourceEvent,
    );

  /** A real record event Attio sent for the person, as the route received it. */
  function recordCreatedOf(personId: string): Record<string, unknown> {
    for (const delivery of harness.attio.control.deliveries()) {
      const body = JSON.parse(delivery.body) as { events: { event_type: string; id: { record_id: string } }[] };
      const event = body.events.find(
        (candidate) => candidate.event_type === 'record.created' && candidate.id.record_id === personId,
      );
      if (event) return event as unknown as Record<string, unknown>;
    }
    throw new Error(`no record.created delivered for ${personId}`);
  }

  it('acknowledges an unknown event type, still queueing the record event beside it, and parks the delivery with its reason', async () => {
    // Prepare
    const buyer = await harness.aBuyer('beside');
    await harness.settle();
    const body = JSON.stringify({
      webhook_id: 'hook',
      events: [{ event_type: 'record.teleported', id: { record_id: 'x' } }, recordCreatedOf(buyer.personId)],
    });
    const idempotencyKey = randomUUID();
    // Act
    const answer = await deliver(body, idempotencyKey);
    await harness.settle();
    // Assess
    expect(answer).toEqual({ status: 200, json: { accepted: 1, ignored: 0, parked: 1 } });
    expect(await parkedBody(body)).toMatchObject({
      provider: 'attio',
      idempotencyKey,
      reason: 'record.teleported: unknown Attio event type record.teleported',
      sourceEvents: ['record.teleported'],
    });
    expect((await entriesAbout('record.teleported')).map((entry) => entry.outcome)).toEqual(['parked']);
  });

  it('acknowledges a record event of an unexpected shape and a body that is not JSON, parking both and queueing nothing', async () => {
    // Prepare
    const oddShape = JSON.stringify({
      webhook_id: 'hook',
      events: [{ event_type: 'record.updated', id: { workspace_id: 'w', object_id: 'people', record_id: 'odd-1' } }],
    });
    const notJson = '<xml>record.updated</xml>';
    const receivedBefore = harness.stack.workers['attio-to-partnero']?.stats.messagesReceived;
    // Act
    const answers = [await deliver(oddShape), await deliver(notJson)];
    await harness.settle();
    // Assess
    expect(answers).toEqual([
      { status: 200, json: { accepted: 0, ignored: 0, parked: 1 } },
      { status: 200, json: { accepted: 0, ignored: 0, parked: 1 } },
    ]);
    expect(harness.stack.workers['attio-to-partnero']?.stats.messagesReceived).toBe(receivedBefore);
    expect((await parkedBody(oddShape))?.reason).toContain('id.attribute_id');
    expect((await parkedBody(notJson))?.reason).toBe('(not JSON): the body is not valid JSON');
    expect((await harness.history('odd-1')).map((entry) => entry.outcome)).toEqual(['parked']);
  });

  it('acknowledges documented events the sync does not use and records them as ignored, keeping nothing', async () => {
    // Prepare
    const body = JSON.stringify({
      webhook_id: 'hook',
      events: [
        {
          event_type: 'note.created',
          id: { workspace_id: 'w', note_id: 'n-1' },
          parent_object_id: 'people',
          parent_record_id: 'p',
          actor: { type: 'workspace-member', id: 'm' },
        },
      ],
    });
    // Act
    const answer = await deliver(body);
    // Assess
    expect(answer).toEqual({ status: 200, json: { accepted: 0, ignored: 1, parked: 0 } });
    expect(await parkedBody(body)).toBeUndefined();
    expect((await entriesAbout('note.created')).map((entry) => [entry.outcome, entry.reason])).toEqual([
      ['ignored', 'Attio event note.created is not one the sync uses'],
    ]);
  });

  it('replays a parked delivery once the service reads it: its event reaches the worker and the delivery is no longer parked', async () => {
    // Prepare: a record event whose ids come under a key this release does not read.
    const buyer = await harness.aBuyer('replayed');
    await harness.settle();
    const { id, ...rest } = recordCreatedOf(buyer.personId);
    const body = JSON.stringify({ webhook_id: 'hook', events: [{ ...rest, record: id }] });
    await deliver(body);
    const historyBefore = await harness.history(buyer.personId);
    const thisRelease: DeliveryInterpreter = (delivery, context) =>
      interpretAttioDelivery(delivery, context, LOCAL_ATTIO_EVENT_WINDOW_SECONDS);
    const nextRelease: DeliveryInterpreter = (delivery, context) => {
      const events = (delivery as { events: Record<string, unknown>[] }).events.map(({ record, ...event }) =>
        record ? { ...event, id: record } : event,
      );
      return thisRelease({ ...(delivery as object), events }, context);
    };
    const replay = (interpret: DeliveryInterpreter) =>
      replayParkedDeliveries({
        store: parked,
        history: audit,
        sqs: sdkSqsBatchSender(sqs),
        routes: { attio: { interpret, queueUrl: harness.stack.resources.queues['attio-to-partnero'].url } },
        programId: harness.programId,
        dryRun: false,
      });

    // Act
    const withThisRelease = await replay(thisRelease);
    const withTheNext = await replay(nextRelease);
    await harness.settle();

    // Assess
    expect(withThisRelease.entries.find((entry) => entry.sourceEvents === 'record.created')?.outcome).toBe(
      'still-unreadable',
    );
    expect(withTheNext.entries.find((entry) => entry.sourceEvents === 'record.created')).toMatchObject({
      outcome: 'queued',
      queued: 1,
    });
    expect(await parkedBody(body)).toBeUndefined();
    const historyAfter = await harness.history(buyer.personId);
    expect(historyAfter.slice(historyBefore.length).map((entry) => entry.sourceEvent)).toEqual(['record.created']);
    expect(historyAfter.at(-1)?.outcome).not.toBe('parked');
  });
});
