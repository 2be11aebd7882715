import { partneroTimestamp, type Clock } from '../model/clock';
import type { ProgramEvent } from '../model/program-data';
import type { ProgramRecord, WebhookRecord } from '../model/records';
import { webhookPayloadJson } from '../present/webhook-payload-json';
import type { WebhookDeliverer } from './webhook-deliverer';

/**
 * Turns a program event into one delivery per active webhook subscribed to it, in the current
 * envelope `{event, url, webhook_key, created_at, data}` (the older `{event, data, timestamp}`
 * is superseded, reference §5). `data` is cut to what the deliverer's payload shape says.
 */
export function createEventDispatcher(
  deliverer: WebhookDeliverer,
  clock: Clock,
  webhooksOf: (programId: string) => readonly WebhookRecord[],
) {
  return (program: ProgramRecord, { event, data }: ProgramEvent): void => {
    for (const webhook of webhooksOf(program.id)) {
      if (!webhook.is_active || !webhook.events.includes(event)) continue;
      const payload = webhookPayloadJson(event, data as Record<string, unknown>, deliverer.payloads);
      const body = JSON.stringify({
        event,
        url: webhook.url,
        webhook_key: webhook.key,
        created_at: partneroTimestamp(clock()),
        data: payload,
      });
      deliverer.deliver({
        programId: program.id,
        webhookKey: webhook.key,
        event,
        url: webhook.url,
        secret: webhook.signature,
        body,
      });
    }
  };
}
