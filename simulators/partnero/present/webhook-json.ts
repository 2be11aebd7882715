import type { WebhookRecord } from '../model/records';

/** A webhook with its signing secret (`signature`), as create and list return it. */
export function webhookJson(webhook: WebhookRecord) {
  return {
    key: webhook.key,
    name: webhook.name,
    url: webhook.url,
    is_active: webhook.is_active,
    signature: webhook.signature,
    events: [...webhook.events],
  };
}
