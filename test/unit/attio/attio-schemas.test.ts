import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  attioErrorBodySchema,
  attioRecordSchema,
  attioSelfSchema,
  attioWebhookDeliverySchema,
  attioWebhookSchema,
  dataEnvelope,
  isRecordEvent,
} from '../../../shared/attio';

const fixture = (name: string): unknown => JSON.parse(readFileSync(join(__dirname, '../../fixtures/attio', name), 'utf8'));

describe('the Attio schemas read the documented payloads', () => {
  it.each(['webhook-record-updated.json', 'webhook-record-merged.json', 'webhook-record-deleted-system.json'])('parses the webhook delivery %s as a record event', (name) => {
    const delivery = attioWebhookDeliverySchema.parse(fixture(name));
    expect(delivery.events.every(isRecordEvent)).toBe(true);
  });

  it('reads a record, the 429 body, a created webhook with its secret, and /v2/self', () => {
    expect(dataEnvelope(attioRecordSchema).parse(fixture('person-record.json')).data.values.name?.[0]?.full_name).toBe('John Smith');
    expect(attioErrorBodySchema.parse(fixture('rate-limit-error.json')).code).toBe('rate_limit_exceeded');
    expect(dataEnvelope(attioWebhookSchema).parse(fixture('webhook-create-response.json')).data.secret).toHaveLength(64);
    expect(attioSelfSchema.parse(fixture('self-active.json'))).toMatchObject({ active: true, workspace_id: '14beef7a-99f7-4534-a87e-70b564330a4c' });
  });

  it('accepts and ignores events the sync does not use, but refuses a delivery without events', () => {
    expect(attioWebhookDeliverySchema.safeParse({ webhook_id: 'w', events: [{ event_type: 'note.created', id: {}, actor: { type: 'system', id: null } }] }).success).toBe(true);
    expect(attioWebhookDeliverySchema.safeParse({ webhook_id: 'w', events: [] }).success).toBe(false);
  });
});
