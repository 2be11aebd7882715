import type { PartneroPartner } from '../partnero/resource-schemas';
import type { PartnerPerformanceSettings } from '../programs/program-settings';
import { hashValues } from '../sync/value-hash';
import type { PlannedValue, RecordPlan } from './record-plan';
import { syncAttributeSlugs } from '../attio/sync-attribute-slugs';
import { performanceSlugs } from '../attio/synced-attributes';
import { formatMoney } from '../attio/sync-values';

type MoneyList = readonly { readonly currency: string; readonly amount: number }[] | null | undefined;

/**
 * The partner's figures as Partnero keeps them (`GET /partners/{id}`: `referrals.clicks`,
 * `.signups`, `.sales_count`, `.revenue[]`, `commissions.{paid, pending}[]`, `referrals_count`),
 * for the switches that are on. A figure Partnero does not send is left out, never written as 0.
 * Money per currency becomes one text ("1200.00 USD; 50.00 EUR"): a partner may earn in several
 * currencies and Attio's currency attribute holds one. The plan's hash covers these values, so a
 * refresh that finds the same figures writes nothing.
 */
export function performanceValues(partner: PartneroPartner, settings: PartnerPerformanceSettings): PlannedValue[] {
  const referrals = partner.referrals ?? undefined;
  const commissions = partner.commissions ?? undefined;
  const planned: PlannedValue[] = [];
  const add = (on: boolean, slug: string, value: string | number | null | undefined) => {
    if (on && value !== null && value !== undefined) planned.push({ slug, value, optional: true });
  };
  add(settings.clicks, syncAttributeSlugs.partnerClicks, referrals?.clicks);
  add(settings.signups, syncAttributeSlugs.partnerSignups, referrals?.signups);
  add(settings.salesCount, syncAttributeSlugs.partnerSalesCount, referrals?.sales_count);
  add(
    settings.revenue,
    syncAttributeSlugs.partnerRevenue,
    referrals?.revenue ? moneyText(referrals.revenue) : undefined,
  );
  add(
    settings.commissions,
    syncAttributeSlugs.partnerCommissions,
    commissions ? commissionsText(commissions.paid, commissions.pending) : undefined,
  );
  add(settings.referralsCount, syncAttributeSlugs.partnerReferralsCount, partner.referrals_count);
  return planned;
}

/**
 * The figures only `GET /partners/{id}` carries: Partnero's partner lists leave out `referrals`
 * and `commissions` (`referrals_count` is in both). The reconciliation compares what a list can
 * show, so links also keep the hash of the plan without these (`attioPlannedHashWithoutFigures`).
 */
export const DETAIL_ONLY_FIGURE_SLUGS: readonly string[] = [
  syncAttributeSlugs.partnerClicks,
  syncAttributeSlugs.partnerSignups,
  syncAttributeSlugs.partnerSalesCount,
  syncAttributeSlugs.partnerRevenue,
  syncAttributeSlugs.partnerCommissions,
];

/** A plan's hash over everything but the detail-only figures. */
export function hashWithoutFigures(plan: Pick<RecordPlan, 'comparable'>): string {
  return hashValues(
    Object.fromEntries(Object.entries(plan.comparable).filter(([slug]) => !DETAIL_ONLY_FIGURE_SLUGS.includes(slug))),
  );
}

/** Whether a listed partner lacks the detail-only figures (a list item, not `GET /partners/{id}`). */
export function lacksDetailFigures(partner: PartneroPartner): boolean {
  return (
    (partner.referrals === undefined || partner.referrals === null) &&
    (partner.commissions === undefined || partner.commissions === null)
  );
}

/** Whether any figure is on: the scheduled refresh skips programs with none. */
export function anyPerformanceFigure(settings: PartnerPerformanceSettings): boolean {
  return performanceSlugs(settings).length > 0;
}

function moneyText(list: MoneyList): string {
  const entries = (list ?? []).filter((entry) => entry.amount !== 0);
  if (entries.length === 0) return '0';
  return [...entries]
    .sort((a, b) => a.currency.localeCompare(b.currency))
    .map((entry) =>
      formatMoney({
        kind: 'money',
        amount: Math.round(entry.amount * 100) / 100,
        currency: entry.currency.toUpperCase(),
      }),
    )
    .join('; ');
}

function commissionsText(paid: MoneyList, pending: MoneyList): string {
  return `paid ${moneyText(paid)}; pending ${moneyText(pending)}`;
}
