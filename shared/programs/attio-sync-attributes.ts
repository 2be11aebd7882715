import { DEAL_OBJECT, PEOPLE_OBJECT } from '../attio/object-slugs';

/**
 * The Attio attributes the sync itself needs, created by the connect flow (and again when the
 * settings move partners to another object). Both workers and the connect flow import these
 * names, so what is created is exactly what is written and read.
 *
 * The id attributes are unique text: every write asserts on one of them, so a record is found
 * again by its Partnero identity and never duplicated. `partnero_source` marks every record the
 * service wrote, so users can filter "came from Partnero". The status attributes are optional
 * for the workers (they skip a value whose attribute is missing) but are created alongside.
 */
export const attioSyncAttributeSlugs = {
  partnerId: 'partnero_partner_id',
  customerKey: 'partnero_customer_key',
  transactionKey: 'partnero_transaction_key',
  source: 'partnero_source',
  partnerStatus: 'partnero_partner_status',
  customerStatus: 'partnero_customer_status',
  transactionStatus: 'partnero_transaction_status',
  transactionCurrency: 'partnero_currency',
  commissionAmount: 'partnero_commission_amount',
  commissionCurrency: 'partnero_commission_currency',
  commissionPartner: 'partnero_commission_partner',
  commissionStatus: 'partnero_commission_status',
  partnerClicks: 'partnero_clicks',
  partnerSignups: 'partnero_signups',
  partnerSalesCount: 'partnero_sales_count',
  partnerRevenue: 'partnero_revenue',
  partnerCommissions: 'partnero_commissions',
  partnerReferralsCount: 'partnero_referrals_count',
} as const;

export type AttioSyncAttributeSlug = (typeof attioSyncAttributeSlugs)[keyof typeof attioSyncAttributeSlugs];

/** An attribute to ensure on an object, in the shape of Attio's create-attribute body. */
export interface SyncAttributeDefinition {
  readonly object: string;
  readonly title: string;
  readonly api_slug: AttioSyncAttributeSlug;
  readonly type: 'text' | 'number';
  readonly description: string;
  readonly is_unique: boolean;
}

const text = (
  object: string,
  api_slug: AttioSyncAttributeSlug,
  title: string,
  description: string,
  is_unique = false,
): SyncAttributeDefinition => ({
  object,
  title,
  api_slug,
  type: 'text',
  description,
  is_unique,
});

/**
 * Every attribute the sync needs for a program whose partners land in `partnerTargetObject`,
 * one entry per (object, slug): People may hold both partners and customers.
 */
export function syncAttributeDefinitions(partnerTargetObject: string): SyncAttributeDefinition[] {
  const definitions: SyncAttributeDefinition[] = [
    text(
      partnerTargetObject,
      attioSyncAttributeSlugs.partnerId,
      'Partnero partner ID',
      'The Partnero partner this record is synced with (written by the Partnero sync).',
      true,
    ),
    text(
      partnerTargetObject,
      attioSyncAttributeSlugs.source,
      'Partnero source',
      'Set on records the Partnero sync wrote.',
    ),
    text(
      partnerTargetObject,
      attioSyncAttributeSlugs.partnerStatus,
      'Partnero partner status',
      'The partner status in Partnero (written by the Partnero sync).',
    ),
    // The partner's figures in Partnero (`GET /partners/{id}`); each is written only while its switch on the Partners tab is on.
    {
      ...text(
        partnerTargetObject,
        attioSyncAttributeSlugs.partnerClicks,
        'Partnero clicks',
        "Clicks on the partner's referral links, as Partnero counts them (written by the Partnero sync).",
      ),
      type: 'number',
    },
    {
      ...text(
        partnerTargetObject,
        attioSyncAttributeSlugs.partnerSignups,
        'Partnero signups',
        'Signups the partner referred (written by the Partnero sync).',
      ),
      type: 'number',
    },
    {
      ...text(
        partnerTargetObject,
        attioSyncAttributeSlugs.partnerSalesCount,
        'Partnero sales',
        'Sales the partner referred (written by the Partnero sync).',
      ),
      type: 'number',
    },
    text(
      partnerTargetObject,
      attioSyncAttributeSlugs.partnerRevenue,
      'Partnero revenue',
      'Revenue the partner referred, per currency, e.g. "1200.00 USD" (written by the Partnero sync).',
    ),
    text(
      partnerTargetObject,
      attioSyncAttributeSlugs.partnerCommissions,
      'Partnero commissions',
      "The partner's commissions per currency: paid, pending (written by the Partnero sync).",
    ),
    {
      ...text(
        partnerTargetObject,
        attioSyncAttributeSlugs.partnerReferralsCount,
        'Partnero referrals',
        'Customers the partner referred (written by the Partnero sync).',
      ),
      type: 'number',
    },
    text(
      PEOPLE_OBJECT,
      attioSyncAttributeSlugs.customerKey,
      'Partnero customer key',
      'The Partnero customer this person is synced with (written by the Partnero sync).',
      true,
    ),
    text(PEOPLE_OBJECT, attioSyncAttributeSlugs.source, 'Partnero source', 'Set on records the Partnero sync wrote.'),
    text(
      PEOPLE_OBJECT,
      attioSyncAttributeSlugs.customerStatus,
      'Partnero customer status',
      'The customer status in Partnero (written by the Partnero sync).',
    ),
    text(
      DEAL_OBJECT,
      attioSyncAttributeSlugs.transactionKey,
      'Partnero transaction key',
      'The Partnero transaction this deal is synced with (written by the Partnero sync).',
      true,
    ),
    text(DEAL_OBJECT, attioSyncAttributeSlugs.source, 'Partnero source', 'Set on records the Partnero sync wrote.'),
    text(
      DEAL_OBJECT,
      attioSyncAttributeSlugs.transactionStatus,
      'Partnero transaction status',
      'Active or refunded in Partnero (written by the Partnero sync).',
    ),
    text(
      DEAL_OBJECT,
      attioSyncAttributeSlugs.transactionCurrency,
      'Partnero currency',
      'The currency of the Partnero sale.',
    ),
    // What the sale paid, as Partnero computed it (the transaction's `rewards`): shown on the deal, never read back.
    {
      ...text(
        DEAL_OBJECT,
        attioSyncAttributeSlugs.commissionAmount,
        'Partnero commission',
        'The commission Partnero computed for this sale (written by the Partnero sync).',
      ),
      type: 'number',
    },
    text(
      DEAL_OBJECT,
      attioSyncAttributeSlugs.commissionCurrency,
      'Partnero commission currency',
      'The currency of the commission (written by the Partnero sync).',
    ),
    text(
      DEAL_OBJECT,
      attioSyncAttributeSlugs.commissionPartner,
      'Partnero commission partner',
      'The Partnero partner id the commission was credited to (written by the Partnero sync).',
    ),
    text(
      DEAL_OBJECT,
      attioSyncAttributeSlugs.commissionStatus,
      'Partnero commission status',
      "The commission's status in Partnero: its reward status (e.g. ok), none, archived or reversed (written by the Partnero sync).",
    ),
  ];
  const seen = new Set<string>();
  return definitions.filter((definition) => {
    const key = `${definition.object}\n${definition.api_slug}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The objects whose record events the Attio webhook subscribes to. */
export function syncedAttioObjects(partnerTargetObject: string): string[] {
  return [...new Set([DEAL_OBJECT, PEOPLE_OBJECT, partnerTargetObject])];
}

/** True for an attribute the sync maintains itself, which a program's field mapping may not write. */
export function isSyncAttribute(slug: string): boolean {
  return (Object.values(attioSyncAttributeSlugs) as string[]).includes(slug);
}
