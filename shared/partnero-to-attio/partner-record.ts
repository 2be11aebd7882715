import type { PartneroPartner } from '../partnero/resource-schemas';
import { defaultPartnerPerformance, type PartnerSettings } from '../programs/program-settings';
import type { AttioObjectSchema } from '../attio/attio-schema';
import { partnerFields, readPartneroField } from '../partnero/partnero-fields';
import { performanceValues } from './partner-performance';
import { planRecordWrite, type PlannedValue, type RecordPlan } from './record-plan';
import { PARTNERO_SOURCE, syncAttributeSlugs } from '../attio/sync-attribute-slugs';

/**
 * A partner's state as shown in Attio. Partnero reports a rejected partner as `pending` and not
 * approved, exactly like one still awaiting a decision; only the `partner.rejected` event tells
 * them apart, so that event writes `rejected` and a later change shows Partnero's `pending` again.
 */
export function partnerStatusLabel(partner: PartneroPartner, eventName: string): string {
  if (
    eventName === 'partner.rejected' &&
    partner.approved === false &&
    partner.status !== 'archived' &&
    partner.status !== 'deleted'
  )
    return 'rejected';
  return partner.status ?? (partner.approved === false ? 'pending' : 'active');
}

/** The partner's record in the object the program chose: its mapped fields, tag, source marker, status and the figures switched on. */
export function planPartnerRecord(
  partner: PartneroPartner,
  status: string,
  settings: PartnerPlanSettings,
  schema: AttioObjectSchema,
): RecordPlan {
  return planRecordWrite(
    settings.targetObject,
    syncAttributeSlugs.partnerId,
    partnerValues(partner, status, settings),
    schema,
  );
}

type PartnerPlanSettings = Omit<PartnerSettings, 'performance'> & Partial<Pick<PartnerSettings, 'performance'>>;

/** What the partner's record is given, before it takes the attributes' write forms (also what the settings preview shows). */
export function partnerValues(partner: PartneroPartner, status: string, settings: PartnerPlanSettings): PlannedValue[] {
  return [
    ...settings.fieldMappings.map((row) => ({
      slug: row.attioAttribute,
      value: readPartneroField('partner', partnerFields, partner, row.partneroField),
    })),
    { slug: syncAttributeSlugs.partnerId, value: partner.id },
    { slug: syncAttributeSlugs.source, value: PARTNERO_SOURCE },
    { slug: syncAttributeSlugs.partnerStatus, value: status, optional: true },
    ...performanceValues(partner, settings.performance ?? defaultPartnerPerformance()),
  ];
}
