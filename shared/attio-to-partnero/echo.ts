import type { AttioActor } from '../programs/program-repository';
import type { RecordLink } from '../sync/link-repository';
import { identifiedActor, type AttioActorRef } from '../attio/schemas';

/**
 * The two ways an Attio event is recognised as the echo of the service's own write, cheapest
 * first. Either one drops the event with outcome `echo` and no Partnero call.
 *
 * 1. By actor, before any call: Attio names the writer of every change, and writes made with
 *    our token carry the actor the sync learned from its first write (none until then: only
 *    the hash below applies). A `system` actor (id null) never matches: formula recomputes
 *    after a human's edit are checked by the hash instead.
 */
export function isOwnWrite(actor: AttioActorRef | null | undefined, ourActor: AttioActor | null | undefined): boolean {
  const named = identifiedActor(actor);
  if (!named || !ourActor) return false;
  return named.type === ourActor.type && named.id === ourActor.id;
}

/**
 * 2. By value, after the re-fetch: the other direction stores the hash of the synced attributes
 *    it last wrote (`attioWrittenHash`). A record that still hashes to it holds nothing a person
 *    changed since: a system recompute, a change of an unsynced attribute, or our own write
 *    seen through an event whose actor did not match.
 */
export function holdsOnlyOurWrite(link: RecordLink | undefined, fingerprint: string): boolean {
  return link?.attioWrittenHash !== null && link?.attioWrittenHash !== undefined && link.attioWrittenHash === fingerprint;
}
