import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  attioErrorBodySchema,
  attioRecordSchema,
  attioSelfSchema,
  attioWebhookDeliverySchema,
  attioWebhookSchema,
  dataEnvelope,
  attioRecordEventSchema,
  identifiedActor,
  isRecordEvent,
} from '../../../shared/attio';
import { isOwnWrite } from '../../../shared/sync/echo-suppression';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(join(__dirname, '../../fixtures/attio', name), 'utf8'));

describe('the Attio schemas read the documented payloads', () => {
  it.each(['webhook-record-updated.json', 'webhook-record-merged.json', 'webhook-record-deleted-system.json'])(
    'parses the webhook delivery %s as a record event',
    (name) => {
      const delivery = attioWebhookDeliverySchema.parse(fixture(name));
      expect(delivery.events.every(isRecordEvent)).toBe(true);
    },
  );

  it('reads a record, the 429 body, a created webhook with its secret, and /v2/self', () => {
    expect(dataEnvelope(attioRecordSchema).parse(fixture('person-record.json')).data.values.name?.[0]?.full_name).toBe(
      'John Smith',
    );
    expect(attioErrorBodySchema.parse(fixture('rate-limit-error.json')).code).toBe('rate_limit_exceeded');
    expect(dataEnvelope(attioWebhookSchema).parse(fixture('webhook-create-response.json')).data.secret).toHaveLength(
      64,
    );
    expect(attioSelfSchema.parse(fixture('self-active.json'))).toMatchObject({
      active: true,
      workspace_id: '14beef7a-99f7-4534-a87e-70b564330a4c',
    });
  });

  it('accepts and ignores events the sync does not use, but refuses a delivery without events', () => {
    expect(
      attioWebhookDeliverySchema.safeParse({
        webhook_id: 'w',
        events: [{ event_type: 'note.created', id: {}, actor: { type: 'system', id: null } }],
      }).success,
    ).toBe(true);
    expect(attioWebhookDeliverySchema.safeParse({ webhook_id: 'w', events: [] }).success).toBe(false);
  });

  // The document types every actor's `type` and `id` as optional and nullable; the webhook
  // reference's examples always carry an actor. A record event with a null, partial or missing
  // actor is still the record's event, and its actor is nobody's: never ours.
  it.each([
    ['null in type and id', { type: null, id: null }],
    ['null in type only', { type: null, id: 'b8f3c0de-0000-4000-8000-000000000001' }],
    ['without an id', { type: 'api-token' }],
    ['empty', {}],
    ['null', null],
    ['missing', undefined],
  ])('reads a record.updated event whose actor is %s, and never takes that actor for ours', (_label, actor) => {
    // Prepare
    const delivery = fixture('webhook-record-updated.json') as { events: Record<string, unknown>[] };
    const event = { ...delivery.events[0], actor };
    if (actor === undefined) delete event.actor;

    // Act
    const parsed = attioRecordEventSchema.parse(event);

    // Assess
    expect(attioWebhookDeliverySchema.parse({ ...delivery, events: [event] }).events.every(isRecordEvent)).toBe(true);
    expect(identifiedActor(parsed.actor)).toBeUndefined();
    expect(isOwnWrite(parsed.actor, { type: 'api-token', id: 'b8f3c0de-0000-4000-8000-000000000001' })).toBe(false);
  });
});
