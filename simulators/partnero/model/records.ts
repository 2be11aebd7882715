/**
 * What the simulator stores, one program at a time. Field names follow Partnero's JSON so the
 * presenters stay thin; everything is plain data so the control surface can hand out copies.
 */

export type PartnerStatus = 'active' | 'pending' | 'archived' | 'deleted';

export interface ProgramRecord {
  readonly id: string;
  readonly name: string;
  readonly apiKey: string;
  /** Only affiliate programs are simulated: a customer needs a referring partner. */
  readonly type: 'affiliate';
  /** Percentage of `amount` paid to the partner, unrounded (the docs' example pays 30% of 99.99 = 29.997). */
  commissionPercent: number;
  readonly currency: string;
  /** Whether new partners are approved at once (status active) or wait (status pending). */
  readonly autoApprovePartners: boolean;
  /** Off by default, as in the real API: duplicate transaction keys are recorded twice. */
  readonly rejectDuplicateTransactionKeys: boolean;
  /** Whether GET and list show archived transactions (with `deleted_at` set); off by default (see transaction-operations.ts). */
  readonly archivedTransactionsReadable: boolean;
  /** Where referral links point: `${websiteUrl}?aff=${key}`. */
  readonly websiteUrl: string;
}

export interface PartnerRecord {
  id: string;
  key: string;
  email: string;
  name: string | null;
  surname: string | null;
  status: PartnerStatus;
  approved: boolean;
  tos: boolean;
  tags: string[];
  referringPartnerId: string | null;
  created_at: string;
  updated_at: string;
  /** Set when the partner is deleted: it no longer resolves through the API. */
  deleted_at: string | null;
}

export interface CustomerRecord {
  /** Partnero's own id for the customer; the docs do not show it, but GET resolves it. */
  readonly id: string;
  key: string;
  email: string | null;
  name: string | null;
  surname: string | null;
  partnerId: string;
  status: 'active' | 'archived';
  tags: string[];
  created_at: string;
  updated_at: string;
  /** Deletion is permanent through the API; the record stays here for the control surface only. */
  deleted_at: string | null;
}

export interface RewardRecord {
  key: string;
  action: string;
  /** `ok` while it counts; `reversed` once its transaction is deleted. */
  status: 'ok' | 'reversed';
  customer: string;
  partner: string;
  amount: number;
  amount_units: string;
  created_at: string;
  deleted_at: string | null;
  product_type_data: Record<string, string>;
}

export interface TransactionRecord {
  /** Order of recording; transactions share keys, so this is what tells two of them apart. */
  readonly sequence: number;
  readonly key: string;
  readonly action: string;
  readonly amount: number;
  readonly amount_units: string;
  readonly customerKey: string;
  readonly partnerId: string | null;
  readonly productId: string | null;
  readonly productType: string | null;
  readonly rewards: RewardRecord[];
  readonly created_at: string;
  /** Set while the transaction is archived (soft-deleted with its rewards); null again once restored. */
  archived_at: string | null;
  deleted_at: string | null;
}

export interface WebhookRecord {
  readonly key: string;
  name: string;
  url: string;
  events: string[];
  is_active: boolean;
  /** The signing secret: 16 alphanumeric characters. */
  readonly signature: string;
}
