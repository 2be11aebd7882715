/**
 * What a webhook delivery's `data` holds. Partnero documents one payload only, partner.created's
 * `{id, email, name, surname, created_at}` (docs.partnero.com webhooks/overview, reference §5);
 * the n8n README adds that a transaction's `data.partner` is the partner id. Nothing documents
 * customer, transaction or deletion payloads. So by default (`documented`) the simulator sends
 * the thinnest payload those sources allow: partner events the five documented fields, a deleted
 * partner only its id, customer events only the key, transaction events the key and, for a sale,
 * the credited partner. `full` sends the REST resource instead, the other reading a receiver
 * must survive.
 */
export const webhookPayloadShapes = ['documented', 'full'] as const;
export type WebhookPayloadShape = (typeof webhookPayloadShapes)[number];

const documentedPartnerFields = ['id', 'email', 'name', 'surname', 'created_at'] as const;

export function webhookPayloadJson(
  event: string,
  resource: Readonly<Record<string, unknown>>,
  shape: WebhookPayloadShape,
): Record<string, unknown> {
  if (shape === 'full') return { ...resource };
  if (event === 'partner.deleted') return pick(resource, ['id']);
  if (event.startsWith('partner.')) return pick(resource, documentedPartnerFields);
  if (event.startsWith('customer.')) return pick(resource, ['key']);
  if (event === 'transaction.created') return pick(resource, ['key', 'partner']);
  if (event.startsWith('transaction.')) return pick(resource, ['key']);
  return { ...resource };
}

function pick(resource: Readonly<Record<string, unknown>>, fields: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(fields.filter((field) => field in resource).map((field) => [field, resource[field]]));
}
