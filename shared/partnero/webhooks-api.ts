import { dataEnvelope, statusOnlySchema } from './envelope-schemas';
import type { PartneroHttp } from './partnero-http';
import { partneroWebhookSchema, type PartneroWebhook } from './resource-schemas';

export interface NewWebhook {
  /** Up to 100 characters. */
  readonly name: string;
  readonly url: string;
  readonly events: readonly string[];
  readonly is_active?: boolean;
}

const webhookData = dataEnvelope(partneroWebhookSchema);

/** Webhook subscriptions, keyed by the `key` Partnero generates; `signature` is the signing secret. */
export function webhooksApi(http: PartneroHttp) {
  const pathOf = (key: string) => `/webhooks/${encodeURIComponent(key)}`;

  return {
    async create(webhook: NewWebhook): Promise<PartneroWebhook> {
      return (
        await http.send({
          operation: 'webhooks.create',
          method: 'POST',
          path: '/webhooks',
          body: webhook,
          schema: webhookData,
        })
      ).data;
    },

    async list(): Promise<PartneroWebhook[]> {
      const webhooks: PartneroWebhook[] = [];
      for await (const webhook of http.allPages({
        operation: 'webhooks.list',
        path: '/webhooks',
        query: { limit: 100 },
        schema: partneroWebhookSchema,
      })) {
        webhooks.push(webhook);
      }
      return webhooks;
    },

    async get(key: string): Promise<PartneroWebhook | undefined> {
      return (
        await http.sendOrNotFound({ operation: 'webhooks.get', method: 'GET', path: pathOf(key), schema: webhookData })
      )?.data;
    },

    async delete(key: string): Promise<'deleted' | 'not_found'> {
      const answer = await http.sendOrNotFound({
        operation: 'webhooks.delete',
        method: 'DELETE',
        path: pathOf(key),
        schema: statusOnlySchema,
      });
      return answer === undefined ? 'not_found' : 'deleted';
    },
  };
}
