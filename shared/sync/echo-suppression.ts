import { identifiedActor, type AttioActorRef } from '../attio/schemas';
import type { AttioObjectSchema } from '../attio/attio-schema';
import type { PartneroIntent } from '../partnero-to-attio/partnero-event';
import { partneroFingerprint } from '../partnero/partnero-fingerprint';
import { fingerprintOfAttioRecord } from '../attio/record-fingerprint';
import { syncedAttributeSlugs } from '../attio/synced-attributes';
import type { FieldMapping, ProgramSettings } from '../programs/program-settings';
import type { AttioActor } from '../programs/program-repository';
import type { LinkedKind, RecordLink } from './link-repository';

/**
 * Echo suppression: each direction recognises the webhook that its own write to the other side
 * causes, so nothing loops and nothing is written twice. An echo is dropped with outcome `echo`
 * and no call to the other provider. Two layers, cheapest first:
 *
 *   Attio event ─▶ 1. ACTOR: written by our own Attio actor? ──yes──▶ echo (no re-fetch, no call)
 *                    │ no, or our actor not known yet
 *                    ▼
 *                  re-fetch the record
 *                    ▼
 *                  2. VALUE: its synced attributes hash to the ──yes──▶ echo (a recompute, an unsynced
 *                     link's attioWrittenHash?                          attribute, or our write seen
 *                    │ no                                               through another actor)
 *                    ▼
 *                  a person's change: synced to Partnero
 *
 *   Partnero event ─▶ (Partnero's webhooks name no writer: no actor layer) ─▶ re-read the record
 *                    ▼
 *                  2. VALUE: an upsert whose mapped fields hash ──yes──▶ echo
 *                     to the link's partneroWrittenHash?
 *                    │ no
 *                    ▼
 *                  Partnero's change: written to Attio
 *
 *   Reconciliation: a listed record that passes the value check is not drift (no repair queued).
 *
 * The value layer needs each write to leave its hash on the record's link:
 *
 *   Partnero -> Attio writes a record ─▶ link.attioWrittenHash = attioRecordHash(the record as Attio
 *                                        answered the write)
 *   Attio -> Partnero writes a customer ─▶ link.partneroWrittenHash = partneroRecordHash(the customer
 *                                          as Partnero will hold it), saved BEFORE the write
 *
 * Where the actor comes from: Attio names the writer of every change, and the sync learns its own
 * token's actor from Attio's answer to its first write (`shared/attio/own-actor.ts`, stored by
 * `shared/connect/own-actor-learning.ts`). Once known it also filters our echoes out at Attio
 * (`actor.id not_equals`, `shared/connect/attio-webhook-subscriptions.ts`); the receiver checks
 * again, since filters do not apply to test events. Until it is known, the value layer alone applies.
 */

/**
 * 1. Actor: the event names the actor our token writes as. A `system` actor (id null) never
 *    matches: formula recomputes after a human's edit are judged by the value layer instead.
 */
export function isOwnWrite(actor: AttioActorRef | null | undefined, ourActor: AttioActor | null | undefined): boolean {
  const named = identifiedActor(actor);
  if (!named || !ourActor) return false;
  return named.type === ourActor.type && named.id === ourActor.id;
}

/**
 * 2. Value, written side of Attio: the hash of a record's synced attributes as Attio holds them.
 * The same function of the same values as a write plan's hash (`RecordPlan.hash`), over every
 * attribute the Partnero -> Attio direction may write for the kind (`syncedAttributeSlugs`).
 */
export function attioRecordHash(
  values: Readonly<Record<string, readonly unknown[] | undefined>>,
  schema: AttioObjectSchema,
  kind: LinkedKind,
  settings: ProgramSettings,
): string {
  return fingerprintOfAttioRecord(values, schema, syncedAttributeSlugs(kind, settings));
}

/**
 * 2. Value, Attio -> Partnero: the re-fetched record still hashes to what the other direction last
 * wrote, so it holds nothing a person changed since. A link without a hash (a record this service
 * never wrote, such as a deal won in Attio) never matches.
 */
export function attioRecordIsOurEcho(
  link: RecordLink | undefined,
  values: Readonly<Record<string, readonly unknown[] | undefined>>,
  schema: AttioObjectSchema,
  settings: ProgramSettings,
): boolean {
  if (!link || link.attioWrittenHash === null) return false;
  return link.attioWrittenHash === attioRecordHash(values, schema, link.kind, settings);
}

/** 2. Value, written side of Partnero: the hash of a Partnero record's mapped fields. */
export function partneroRecordHash<Resource>(
  kind: LinkedKind,
  resource: Resource,
  mappings: readonly FieldMapping[],
): string {
  return partneroFingerprint(kind, resource, mappings);
}

/**
 * 2. Value, Partnero -> Attio and reconciliation: Partnero's record holds exactly the mapped fields
 * the Attio -> Partnero direction wrote there, so writing them back to Attio would only repeat them.
 *
 * Only for an upsert. A retirement (archived, rejected, deleted) is never our echo: this service
 * only creates and updates customers in Partnero (and creates sales); it never archives, rejects
 * or deletes a partner or customer. And the hash covers the mapped fields only, not the status a
 * retirement changes, so an equal hash says nothing about it. Reconciliation reads listed records,
 * which it compares as upserts.
 */
export function partneroRecordIsOurEcho<Resource>(
  intent: PartneroIntent,
  link: RecordLink | undefined,
  resource: Resource,
  mappings: readonly FieldMapping[],
): boolean {
  if (intent !== 'upsert' || !link || link.partneroWrittenHash === null) return false;
  return link.partneroWrittenHash === partneroRecordHash(link.kind, resource, mappings);
}
