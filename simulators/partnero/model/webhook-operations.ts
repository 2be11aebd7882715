import { FieldErrors, type JsonObject } from './field-errors';
import type { ProgramData } from './program-data';
import { newWebhookKey, newWebhookSecret } from './random-keys';
import type { WebhookRecord } from './records';

/** Events an affiliate program can subscribe to (reference §5); others are refused, as Partnero does. */
export const affiliateProgramEvents = [
  'partner.created',
  'partner.updated',
  'partner.deleted',
  'partner.approved',
  'partner.rejected',
  'partner.archived',
  'customer.created',
  'customer.updated',
  'customer.deleted',
  'transaction.created',
  'transaction.updated',
  'transaction.deleted',
  'reward.created',
  'reward.approved',
  'reward.paid',
  'lead.submitted',
  'lead.converted',
  'lead.rejected',
] as const;

export function createWebhook(data: ProgramData, body: JsonObject): WebhookRecord {
  const errors = new FieldErrors();
  const name = errors.string(body, 'name', { required: true, max: 100 });
  const url = errors.string(body, 'url', { required: true, max: 2048 });
  const key = errors.string(body, 'key', { max: 255 });
  const isActive = errors.boolean(body, 'is_active');
  const events = readEvents(body, errors, true);
  if (url && !isHttpUrl(url)) errors.add('url', 'The url field must be a valid URL.');
  if (key && data.webhookByKey(key)) errors.add('key', 'The key has already been taken.');
  errors.throwIfAny();

  const webhook: WebhookRecord = {
    key: key ?? newWebhookKey(),
    name: name as string,
    url: url as string,
    events: events ?? [],
    is_active: isActive ?? true,
    signature: newWebhookSecret(),
  };
  data.webhooks.push(webhook);
  return webhook;
}

export function updateWebhook(webhook: WebhookRecord, changes: JsonObject): WebhookRecord {
  const errors = new FieldErrors();
  const name = errors.string(changes, 'name', { max: 100 });
  const url = errors.string(changes, 'url', { max: 2048 });
  const isActive = errors.boolean(changes, 'is_active');
  const events = readEvents(changes, errors, false);
  if (url && !isHttpUrl(url)) errors.add('url', 'The url field must be a valid URL.');
  errors.throwIfAny();

  if (name) webhook.name = name;
  if (url) webhook.url = url;
  if (isActive !== undefined) webhook.is_active = isActive;
  if (events) webhook.events = events;
  return webhook;
}

export function deleteWebhook(data: ProgramData, webhook: WebhookRecord): void {
  data.webhooks.splice(data.webhooks.indexOf(webhook), 1);
}

function readEvents(body: JsonObject, errors: FieldErrors, required: boolean): string[] | undefined {
  const events = body.events;
  if (events === undefined || events === null) {
    if (required) errors.add('events', 'The events field is required.');
    return undefined;
  }
  if (!Array.isArray(events) || events.length === 0) {
    errors.add('events', 'The events field must be an array with at least one event.');
    return undefined;
  }
  events.forEach((event, index) => {
    if (typeof event !== 'string' || !(affiliateProgramEvents as readonly string[]).includes(event))
      errors.add(`events.${index}`, `The selected events.${index} is invalid.`);
  });
  return events.filter((event): event is string => typeof event === 'string');
}

function isHttpUrl(value: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}
