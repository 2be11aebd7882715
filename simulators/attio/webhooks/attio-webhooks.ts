import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { AttioApiError, notFound } from '../model/attio-api-error';
import type { RecordEvent } from '../model/workspace';

export interface WebhookCondition {
  readonly field: string;
  readonly operator: 'equals' | 'not_equals';
  readonly value: string;
}
export type WebhookFilter = null | { $and: WebhookCondition[] } | { $or: WebhookCondition[] };
export interface Subscription {
  readonly event_type: string;
  readonly filter: WebhookFilter;
}

export interface StoredWebhook {
  id: { workspace_id: string; webhook_id: string };
  target_url: string;
  subscriptions: Subscription[];
  status: 'active' | 'degraded' | 'inactive';
  created_at: string;
  secret: string;
}

export interface DeliveryRecord {
  readonly webhookId: string;
  readonly idempotencyKey: string;
  readonly body: string;
  readonly signature: string;
  readonly attempts: { at: string; status?: number; error?: string }[];
  state: 'pending' | 'delivered' | 'failed';
}

export interface DeliverySchedule {
  /** Waits before each retry; Attio retries up to 10 times over about 3 days. */
  readonly retryDelaysMs: readonly number[];
  readonly timeoutMs: number;
}

export const attioRetrySchedule: DeliverySchedule = {
  retryDelaysMs: [60_000, 300_000, 900_000, 3_600_000, 7_200_000, 14_400_000, 28_800_000, 43_200_000, 86_400_000],
  timeoutMs: 10_000,
};

/**
 * Webhook subscriptions of every workspace and their signed deliveries: one event per delivery
 * (as Attio does today), `Attio-Signature` and `X-Attio-Signature` = hex HMAC-SHA256 of the raw
 * body, an `Idempotency-Key` that stays the same across retries, retries on anything but 200/202.
 */
export class AttioWebhooks {
  private readonly hooks = new Map<string, StoredWebhook>();
  readonly deliveries: DeliveryRecord[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private stopping = new AbortController();

  constructor(
    public schedule: DeliverySchedule,
    private readonly allowHttpTargets: boolean,
  ) {}

  create(workspaceId: string, targetUrl: unknown, subscriptions: unknown): StoredWebhook {
    const url = this.validUrl(targetUrl);
    const webhook: StoredWebhook = {
      id: { workspace_id: workspaceId, webhook_id: randomUUID() },
      target_url: url,
      subscriptions: this.validSubscriptions(subscriptions),
      status: 'active',
      created_at: new Date().toISOString(),
      secret: randomBytes(32).toString('hex'),
    };
    this.hooks.set(webhook.id.webhook_id, webhook);
    return webhook;
  }

  list(workspaceId: string): StoredWebhook[] {
    return [...this.hooks.values()].filter((hook) => hook.id.workspace_id === workspaceId);
  }

  get(workspaceId: string, webhookId: string): StoredWebhook {
    const hook = this.hooks.get(webhookId);
    if (!hook || hook.id.workspace_id !== workspaceId) throw notFound(`Webhook with ID "${webhookId}"`);
    return hook;
  }

  update(
    workspaceId: string,
    webhookId: string,
    changes: { target_url?: unknown; subscriptions?: unknown },
  ): StoredWebhook {
    const hook = this.get(workspaceId, webhookId);
    if (changes.target_url !== undefined) hook.target_url = this.validUrl(changes.target_url);
    if (changes.subscriptions !== undefined) hook.subscriptions = this.validSubscriptions(changes.subscriptions);
    return hook;
  }

  delete(workspaceId: string, webhookId: string): void {
    this.get(workspaceId, webhookId);
    this.hooks.delete(webhookId);
  }

  /** Sends one delivery per (webhook, event) whose subscriptions accept the event. */
  publish(workspaceId: string, event: RecordEvent): void {
    for (const hook of this.list(workspaceId)) {
      if (hook.status === 'inactive') continue;
      if (
        !hook.subscriptions.some(
          (subscription) => subscription.event_type === event.event_type && passes(subscription.filter, event),
        )
      )
        continue;
      const body = JSON.stringify({ webhook_id: hook.id.webhook_id, events: [event] });
      const record: DeliveryRecord = {
        webhookId: hook.id.webhook_id,
        idempotencyKey: randomUUID(),
        body,
        signature: createHmac('sha256', hook.secret).update(body).digest('hex'),
        attempts: [],
        state: 'pending',
      };
      this.deliveries.push(record);
      const run = this.run(hook, record, this.stopping.signal).finally(() => this.inFlight.delete(run));
      this.inFlight.add(run);
    }
  }

  async flush(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  async reset(): Promise<void> {
    this.stopping.abort();
    await this.flush();
    this.stopping = new AbortController();
    this.hooks.clear();
    this.deliveries.length = 0;
  }

  private async run(hook: StoredWebhook, record: DeliveryRecord, stop: AbortSignal): Promise<void> {
    const delays = this.schedule.retryDelaysMs;
    for (let attempt = 0; attempt <= delays.length; attempt += 1) {
      if (attempt > 0 && !(await pause(delays[attempt - 1] ?? 0, stop))) return;
      const at = new Date().toISOString();
      try {
        const response = await fetch(hook.target_url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'user-agent': 'Attio 2.0 (https://attio.com/developers/using-webhooks)',
            'attio-signature': record.signature,
            'x-attio-signature': record.signature,
            'idempotency-key': record.idempotencyKey,
          },
          body: record.body,
          signal: AbortSignal.any([AbortSignal.timeout(this.schedule.timeoutMs), stop]),
        });
        await response.arrayBuffer().catch(() => undefined);
        record.attempts.push({ at, status: response.status });
        if (response.status === 200 || response.status === 202) {
          record.state = 'delivered';
          return;
        }
      } catch (error) {
        record.attempts.push({ at, error: String((error as { message?: unknown }).message ?? error) });
      }
    }
    record.state = 'failed';
    if (!stop.aborted) hook.status = 'degraded';
  }

  private validUrl(targetUrl: unknown): string {
    if (
      typeof targetUrl !== 'string' ||
      !(/^https:\/\//.test(targetUrl) || (this.allowHttpTargets && /^http:\/\//.test(targetUrl)))
    ) {
      throw new AttioApiError(400, 'validation_type', 'target_url must be an https:// URL.');
    }
    return targetUrl;
  }

  /**
   * `subscriptions` of `POST /v2/webhooks` and `PATCH /v2/webhooks/{webhook_id}` (OpenAPI): each an
   * `event_type` from the documented enum and a `filter` that is `null` or exactly one of `$and` /
   * `$or`, a flat list of `{field, operator: equals | not_equals, value: string}`. Anything else
   * is refused with a 400, as the document allows no other shape.
   */
  private validSubscriptions(subscriptions: unknown): Subscription[] {
    if (!Array.isArray(subscriptions))
      throw new AttioApiError(400, 'validation_type', 'subscriptions must be an array.');
    return subscriptions.map((subscription: { event_type?: unknown; filter?: unknown }) => {
      if (typeof subscription?.event_type !== 'string' || !('filter' in subscription)) {
        throw new AttioApiError(400, 'validation_type', 'Each subscription needs event_type and filter.');
      }
      if (!(webhookEventTypes as readonly string[]).includes(subscription.event_type)) {
        throw new AttioApiError(400, 'validation_type', `Unknown event_type "${subscription.event_type}".`);
      }
      return { event_type: subscription.event_type, filter: validFilter(subscription.filter) };
    });
  }
}

/** The `event_type` enum of the webhook subscription schema (OpenAPI `POST /v2/webhooks`). */
export const webhookEventTypes = [
  'call-recording.created',
  'comment.created',
  'comment.resolved',
  'comment.unresolved',
  'comment.deleted',
  'list.created',
  'list.updated',
  'list.deleted',
  'list-attribute.created',
  'list-attribute.updated',
  'list-entry.created',
  'list-entry.updated',
  'list-entry.deleted',
  'object-attribute.created',
  'object-attribute.updated',
  'note.created',
  'note-content.updated',
  'note.updated',
  'note.deleted',
  'record.created',
  'record.merged',
  'record.updated',
  'record.deleted',
  'task.created',
  'task.updated',
  'task.deleted',
  'workspace-member.created',
] as const;

function validFilter(filter: unknown): WebhookFilter {
  if (filter === null) return null;
  const refuse = (message: string) =>
    new AttioApiError(400, 'validation_type', `Invalid subscription filter: ${message}`);
  if (typeof filter !== 'object' || Array.isArray(filter)) throw refuse('must be null or an object with $and or $or.');
  const keys = Object.keys(filter);
  if (keys.length !== 1 || (keys[0] !== '$and' && keys[0] !== '$or'))
    throw refuse('must have exactly one of $and or $or.');
  const mode = keys[0] as '$and' | '$or';
  const conditions = (filter as Record<string, unknown>)[mode];
  if (!Array.isArray(conditions)) throw refuse(`${mode} must be an array of conditions.`);
  const checked = conditions.map((condition: { field?: unknown; operator?: unknown; value?: unknown }) => {
    if (typeof condition !== 'object' || condition === null) throw refuse('each condition must be an object.');
    if (typeof condition.field !== 'string' || typeof condition.value !== 'string')
      throw refuse('each condition needs a string field and a string value.');
    if (condition.operator !== 'equals' && condition.operator !== 'not_equals')
      throw refuse('the operator must be equals or not_equals.');
    return { field: condition.field, operator: condition.operator, value: condition.value } satisfies WebhookCondition;
  });
  return mode === '$and' ? { $and: checked } : { $or: checked };
}

/**
 * `$and` passes when every condition holds, `$or` when any does; `field` is a dot path into the
 * event (`id.object_id`, `id.attribute_id`, `actor.id`), compared as a string
 * (https://docs.attio.com/rest-api/how-to/webhooks, "Filtering"). A path the event lacks equals nothing.
 */
export function passes(filter: WebhookFilter, event: Record<string, unknown>): boolean {
  if (filter === null) return true;
  const check = (condition: WebhookCondition) => {
    const actual = condition.field
      .split('.')
      .reduce<unknown>(
        (node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined),
        event,
      );
    const equal = actual !== undefined && actual !== null && String(actual) === condition.value;
    return condition.operator === 'equals' ? equal : !equal;
  };
  return '$and' in filter ? filter.$and.every(check) : filter.$or.some(check);
}

function pause(ms: number, stop: AbortSignal): Promise<boolean> {
  if (stop.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(true), ms);
    stop.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve(false);
      },
      { once: true },
    );
  });
}
