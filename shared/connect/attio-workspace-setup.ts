import type { AttioClient } from '../attio/attio-client';
import type { AttioWebhookSubscription } from '../attio/schemas';
import { attributesReadFromAttio } from '../attio-to-partnero/attributes-read';
import { ProviderHttpError } from '../errors';
import { syncAttributeDefinitions, syncedAttioObjects } from '../programs/attio-sync-attributes';
import type { ProgramSettings } from '../programs/program-settings';
import { attioSubscriptions, sameSubscriptions, type SubscribedObject } from './attio-webhook-subscriptions';

/**
 * What the sync needs in a workspace, each step idempotent: its attributes, and one webhook of
 * ours per program (found by target URL) subscribed to the synced objects' record events.
 */

export interface EnsuredAttributes {
  readonly ensured: string[];
  /** Objects the workspace lacks (e.g. Deals not activated, or a custom object since deleted). */
  readonly missingObjects: string[];
}

export async function ensureSyncAttributes(
  attio: AttioClient,
  partnerTargetObject: string,
): Promise<EnsuredAttributes> {
  const ensured: string[] = [];
  const missing = new Set<string>();
  for (const definition of syncAttributeDefinitions(partnerTargetObject)) {
    if (missing.has(definition.object)) continue;
    try {
      const { object, ...attribute } = definition;
      await attio.attributes.ensure(object, attribute);
      ensured.push(`${object}.${definition.api_slug}`);
    } catch (error) {
      if (error instanceof ProviderHttpError && error.status === 404) missing.add(definition.object);
      else throw error;
    }
  }
  return { ensured, missingObjects: [...missing] };
}

/** Object ids of the objects the webhook listens to; objects the workspace lacks are left out. */
export async function syncedObjectIds(attio: AttioClient, partnerTargetObject: string): Promise<string[]> {
  const wanted = syncedAttioObjects(partnerTargetObject);
  const objects = await attio.objects.list();
  return objects
    .filter((object) => object.api_slug !== null && wanted.includes(object.api_slug))
    .map((object) => object.id.object_id);
}

/**
 * The subscriptions the program's webhook should carry under these settings: the synced objects
 * the workspace has, `record.updated` only for the attributes the Attio -> Partnero direction
 * reads (their ids read from Attio; an attribute the workspace lacks is left out), and our own
 * actor excluded once it is known. Called by the first Save (creating the webhook), every later
 * Save, and the worker that learns the actor.
 */
export async function attioSubscriptionsFor(
  attio: AttioClient,
  settings: ProgramSettings,
  ourActorId: string | null,
): Promise<AttioWebhookSubscription[]> {
  const wanted = syncedAttioObjects(settings.partners.targetObject);
  const present = (await attio.objects.list()).filter(
    (object) => object.api_slug !== null && wanted.includes(object.api_slug),
  );
  const objects: SubscribedObject[] = [];
  for (const object of present) {
    const updatedAttributeIds: string[] = [];
    for (const slug of attributesReadFromAttio(object.api_slug as string, settings)) {
      const attribute = await attio.attributes.get(object.api_slug as string, slug);
      if (attribute && attribute.is_archived !== true) updatedAttributeIds.push(attribute.id.attribute_id);
    }
    objects.push({ objectId: object.id.object_id, updatedAttributeIds });
  }
  return attioSubscriptions({ objects, ourActorId });
}

export interface ReplacedWebhook {
  readonly webhookId: string;
  readonly secret: string;
  /** Earlier webhooks of ours at the same target that were deleted. */
  readonly removed: string[];
}

/**
 * Creates the program's webhook, then deletes every other webhook of ours at the same target
 * URL (a previous connection's, or one left behind by an interrupted connect). Creating first
 * means no event is missed in between; deliveries of the old one fail our signature check with
 * the new secret and stop once it is gone.
 */
export async function replaceAttioWebhook(
  attio: AttioClient,
  targetUrl: string,
  settings: ProgramSettings,
  ourActorId: string | null,
): Promise<ReplacedWebhook> {
  const created = await attio.webhooks.create(targetUrl, await attioSubscriptionsFor(attio, settings, ourActorId));
  const removed: string[] = [];
  for (const webhook of await attio.webhooks.list()) {
    if (webhook.target_url === targetUrl && webhook.id.webhook_id !== created.id.webhook_id) {
      await attio.webhooks.delete(webhook.id.webhook_id);
      removed.push(webhook.id.webhook_id);
    }
  }
  return { webhookId: created.id.webhook_id, secret: created.secret, removed };
}

/** Brings an existing webhook's subscriptions in line with the settings and our actor (`PATCH /v2/webhooks/{id}` when they differ). */
export async function refreshAttioSubscriptions(
  attio: AttioClient,
  webhookId: string,
  settings: ProgramSettings,
  ourActorId: string | null,
): Promise<'unchanged' | 'updated' | 'missing'> {
  const current = await attio.webhooks.get(webhookId);
  if (!current) return 'missing';
  const wanted = await attioSubscriptionsFor(attio, settings, ourActorId);
  if (sameSubscriptions(current.subscriptions, wanted)) return 'unchanged';
  await attio.webhooks.update(webhookId, { subscriptions: wanted });
  return 'updated';
}
