import type { PartneroPartner } from '../partnero/resource-schemas';
import { deliveredPartner } from './delivered-record';
import { isOlderThanApplied } from './partnero-event';
import { partneroFingerprint } from '../partnero/partnero-fingerprint';
import { partnerStatusLabel, planPartnerRecord } from './partner-record';
import { changesNothing, markLinkedRecord, objectSchema, writePlannedRecord } from './record-writer';
import { syncAttributeSlugs } from '../attio/sync-attribute-slugs';
import { targetRecordName, type SyncContext, type SyncResult } from './sync-context';

/**
 * partner.created|updated|approved|rejected|archived|deleted -> the partner's record.
 *
 * The partner is read again from Partnero rather than taken from the delivery: Partnero's
 * timestamps have one-second precision and its retries arrive late, so only the current state
 * makes the outcome independent of delivery order. Unless the delivery carries the whole
 * partner as the plan reads it and is newer than the link (`delivered-record.ts`). Deleted partners no longer resolve; their
 * record is kept and marked `deleted`; archived and rejected ones keep their values and show
 * their status.
 */
export async function syncPartner(context: SyncContext): Promise<SyncResult> {
  const { event, program } = context;
  const link = await context.links.findByPartneroId(program.programId, 'partner', event.partneroId);
  const target = link ? targetRecordName(link.attioObject, link.attioRecordId) : null;
  if (isOlderThanApplied(event.version, link?.partneroVersion ?? null)) {
    return { outcome: 'stale', targetRecord: target, reason: `${event.name} of ${event.version} is older than the applied version ${link?.partneroVersion}` };
  }

  const mapped = program.settings.partners.fieldMappings.map((row) => row.partneroField);
  const partner = deliveredPartner(event, link, mapped) ?? (await context.partnero.findPartner(event.partneroId));
  if (!partner) {
    if (event.name !== 'partner.deleted') return { outcome: 'stale', targetRecord: target, reason: `${event.name}: the partner no longer exists in Partnero` };
    if (!link) return { outcome: 'noop', targetRecord: null, reason: 'partner.deleted: the partner was never synced to Attio' };
    return markLinkedRecord(
      context,
      link,
      { slug: syncAttributeSlugs.partnerId, value: event.partneroId },
      [{ slug: syncAttributeSlugs.partnerStatus, value: 'deleted', optional: true }],
      event.version,
      'partner marked deleted',
    );
  }
  if (isOlderThanApplied(partner.updated_at ?? null, link?.partneroVersion ?? null)) {
    return { outcome: 'stale', targetRecord: target, reason: `Partnero answered a version (${partner.updated_at}) older than the applied one (${link?.partneroVersion})` };
  }
  if (event.intent === 'retire' && !link) return { outcome: 'noop', targetRecord: null, reason: `${event.name}: the partner was never synced to Attio` };
  if (event.intent === 'upsert' && link && link.partneroWrittenHash === partneroFingerprint('partner', partner, program.settings.partners.fieldMappings)) {
    return { outcome: 'echo', targetRecord: target, reason: `${event.name} carries the values the Attio -> Partnero sync wrote` };
  }
  return writePartner(context, partner, link);
}

async function writePartner(context: SyncContext, partner: PartneroPartner, link: Awaited<ReturnType<SyncContext['links']['findByPartneroId']>>): Promise<SyncResult> {
  const settings = context.program.settings.partners;
  const schema = await objectSchema(context, settings.targetObject);
  const plan = planPartnerRecord(partner, partnerStatusLabel(partner, context.event.name), settings, schema);
  if (link && changesNothing(link, plan)) {
    return { outcome: 'noop', targetRecord: targetRecordName(link.attioObject, link.attioRecordId), reason: `${context.event.name} changes nothing mapped` };
  }
  return writePlannedRecord(context, 'partner', partner.id, plan, link, partner.updated_at ?? context.event.version);
}
