import type { AttioClient } from '../attio/attio-client';
import { identifiedActor, type AttioRecord } from '../attio/schemas';
import { attioSyncAttributeSlugs, CUSTOMER_OBJECT } from '../programs/attio-sync-attributes';
import type { AttioActor } from '../programs/program-repository';

/** The value the probe record carries, so anyone who sees it in Attio knows what it was. */
export const ACTOR_PROBE_VALUE = 'Partnero sync: connection check (deleted right away)';

/**
 * Which actor Attio names for writes made with our token. `/v2/self` does not say, yet the
 * Attio -> Partnero direction needs it to recognise its own echoes (and the webhook filter
 * `actor.id not_equals <ours>` to not even send them). So: write once, read who wrote.
 *
 * The probe is a person holding only the sync's own `partnero_source` marker; it is deleted at
 * once. It runs before the program's webhook exists, so the sync never sees it.
 */
export async function discoverOwnActor(attio: AttioClient): Promise<AttioActor | null> {
  const probe = await attio.records.create(CUSTOMER_OBJECT, { [attioSyncAttributeSlugs.source]: ACTOR_PROBE_VALUE });
  try {
    return actorOfWrite(probe, attioSyncAttributeSlugs.source);
  } finally {
    await attio.records.delete(CUSTOMER_OBJECT, probe.id.record_id);
  }
}

/** The non-system actor behind the value we wrote to `slug` (or, failing that, behind any value). */
export function actorOfWrite(record: AttioRecord, slug: string): AttioActor | null {
  const candidates = [...(record.values[slug] ?? []), ...Object.values(record.values).flat()];
  for (const value of candidates) {
    const actor = identifiedActor(value.created_by_actor);
    if (actor && actor.type !== 'system') return actor;
  }
  return null;
}
