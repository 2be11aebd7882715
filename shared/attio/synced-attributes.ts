import type { PartnerPerformanceSettings, ProgramSettings } from '../programs/program-settings';
import type { LinkedKind } from '../sync/link-repository';
import { DEAL_OBJECT, PEOPLE_OBJECT } from './object-slugs';
import { dealAttributeSlugs, syncAttributeSlugs } from './sync-attribute-slugs';

/**
 * Every Attio attribute the Partnero -> Attio direction may write for a kind of record under
 * the program's settings: the hash stored in a link (`attioWrittenHash`) covers exactly these.
 * The Attio -> Partnero direction computes `fingerprintOfAttioRecord(record.values, schema, syncedAttributeSlugs(…))`
 * on a re-fetched record; equal to the link's hash means the event is the echo of our write.
 */
export function syncedAttributeSlugs(kind: LinkedKind, settings: ProgramSettings): string[] {
  switch (kind) {
    case 'partner':
      return unique([
        ...settings.partners.fieldMappings.map((row) => row.attioAttribute),
        syncAttributeSlugs.partnerId,
        syncAttributeSlugs.source,
        syncAttributeSlugs.partnerStatus,
        ...performanceSlugs(settings.partners.performance),
      ]);
    case 'customer':
      return unique([
        ...settings.customers.fieldMappings.map((row) => row.attioAttribute),
        syncAttributeSlugs.customerKey,
        syncAttributeSlugs.source,
        syncAttributeSlugs.customerStatus,
      ]);
    case 'transaction':
      return unique([
        ...Object.values(dealAttributeSlugs),
        ...settings.deals.fieldMappings.map((row) => row.attioAttribute),
        syncAttributeSlugs.transactionKey,
        syncAttributeSlugs.source,
        syncAttributeSlugs.transactionStatus,
        syncAttributeSlugs.transactionCurrency,
        syncAttributeSlugs.commissionAmount,
        syncAttributeSlugs.commissionCurrency,
        syncAttributeSlugs.commissionPartner,
        syncAttributeSlugs.commissionStatus,
      ]);
  }
}

/** The Attio attributes the figures switched on land in (what the link's hash covers). */
export function performanceSlugs(settings: PartnerPerformanceSettings): string[] {
  const slugs: (string | null)[] = [
    settings.clicks ? syncAttributeSlugs.partnerClicks : null,
    settings.signups ? syncAttributeSlugs.partnerSignups : null,
    settings.salesCount ? syncAttributeSlugs.partnerSalesCount : null,
    settings.revenue ? syncAttributeSlugs.partnerRevenue : null,
    settings.commissions ? syncAttributeSlugs.partnerCommissions : null,
    settings.referralsCount ? syncAttributeSlugs.partnerReferralsCount : null,
  ];
  return slugs.filter((slug): slug is string => slug !== null);
}

/** The Attio object a kind of record lands in under the program's settings. */
export function targetObjectOf(kind: LinkedKind, settings: ProgramSettings): string {
  return kind === 'partner' ? settings.partners.targetObject : kind === 'customer' ? PEOPLE_OBJECT : DEAL_OBJECT;
}

function unique(slugs: string[]): string[] {
  return [...new Set(slugs)];
}
