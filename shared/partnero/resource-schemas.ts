import * as z from 'zod';
import { MAX_PROVIDER_ID_LENGTH } from '../store/key-limits';

/**
 * Partnero's REST resources as the docs show them (`shared/reference/partnero-api.md` §2–§5).
 * Objects are loose: Partnero adds fields over time (`referrals`, `commissions`, …) and the sync
 * must not break on them. What the sync relies on is required and typed; everything else optional.
 */

/** Ids are strings in every example; a numeric one is still an id, so it is read as its string. */
/** Ids end up in table keys: one longer than MAX_PROVIDER_ID_LENGTH is refused where it enters (see key-limits.ts). */
export const partneroId = z.union([z.string().min(1).max(MAX_PROVIDER_ID_LENGTH), z.number()]).transform(String);

/** Money is a JSON number in the docs; a Laravel decimal cast would send a numeric string instead. */
export const partneroAmount = z.union([
  z.number(),
  z
    .string()
    .regex(/^-?\d+(\.\d+)?$/)
    .transform(Number),
]);

/**
 * A reference to a customer: its key as a string (the docs' responses, reference §4) or an object
 * carrying it, `{key, …}` (the shape requests and the refer-a-friend responses use). Read as the key.
 */
export const partneroCustomerReference = z
  .union([partneroId, z.looseObject({ key: partneroId })])
  .transform((reference) => (typeof reference === 'string' ? reference : reference.key));

/**
 * A reference to a partner: its id as a string (docs responses; n8n README: "it is the partner
 * ID") or an object `{id, …}`. An object without an id (only a referral key or an email) names no
 * partner the sync can link, so it reads as absent.
 */
export const partneroPartnerReference = z
  .union([partneroId, z.looseObject({ id: partneroId }), z.looseObject({})])
  .transform((reference) =>
    typeof reference === 'string' ? reference : 'id' in reference ? String(reference.id) : null,
  );

/** `YYYY-MM-DDTHH:MM:SS.000000Z` in every example; kept as the string Partnero sent. */
const timestamp = z.string();

export const partneroTagsSchema = z.array(z.looseObject({ value: z.string() })).nullish();

/** `[{currency, amount}]`, as `GET /partners/{id}` gives revenue and commissions (reference §2, docs partners/get). */
export const partneroMoneyListSchema = z
  .array(z.looseObject({ currency: z.string(), amount: partneroAmount }))
  .nullish()
  .catch(null);
const partneroCount = z
  .union([z.number(), z.string().regex(/^\d+$/).transform(Number)])
  .nullish()
  .catch(null);

/**
 * The figures Partnero keeps for a partner, only on `GET /partners/{id}` (docs partners/get):
 * `referrals: {clicks, signups, revenue: [{currency, amount}], sales_count, paid_accounts}`,
 * `commissions: {paid, pending: [...], not_paid: [...]}`. Read leniently: a figure Partnero
 * leaves out (or sends in an unexpected shape) reads as absent and is simply not written.
 */
export const partneroReferralFiguresSchema = z
  .looseObject({
    clicks: partneroCount,
    signups: partneroCount,
    revenue: partneroMoneyListSchema,
    sales_count: partneroCount,
    paid_accounts: partneroCount,
  })
  .nullish()
  .catch(null);
export const partneroCommissionFiguresSchema = z
  .looseObject({ paid: partneroMoneyListSchema, pending: partneroMoneyListSchema, not_paid: partneroMoneyListSchema })
  .nullish()
  .catch(null);

export const partneroPartnerSchema = z.looseObject({
  id: partneroId,
  /** The referral key; missing from the current docs' objects, present in the older ones. */
  key: z.string().nullish(),
  email: z.string(),
  name: z.string().nullish(),
  surname: z.string().nullish(),
  status: z.string().nullish(),
  approved: z.boolean().nullish(),
  tos: z.boolean().nullish(),
  tags: partneroTagsSchema,
  referral_link: z.string().nullish(),
  referral_links: z.array(z.string()).nullish(),
  referrals_count: partneroCount,
  referrals: partneroReferralFiguresSchema,
  commissions: partneroCommissionFiguresSchema,
  created_at: timestamp.nullish(),
  updated_at: timestamp.nullish(),
});
export type PartneroPartner = z.infer<typeof partneroPartnerSchema>;

export const partneroCustomerSchema = z.looseObject({
  key: z.string().min(1),
  /** Optional at create, so a customer may have none. */
  email: z.string().nullish(),
  name: z.string().nullish(),
  surname: z.string().nullish(),
  /** The referring partner's id (the docs call it a key, their examples show an id). */
  partner: partneroPartnerReference.nullish(),
  status: z.string().nullish(),
  deleted: z.boolean().nullish(),
  deleted_at: timestamp.nullish(),
  tags: partneroTagsSchema,
  created_at: timestamp.nullish(),
  updated_at: timestamp.nullish(),
});
export type PartneroCustomer = z.infer<typeof partneroCustomerSchema>;

export const partneroRewardSchema = z.looseObject({
  key: z.string().nullish(),
  action: z.string().nullish(),
  status: z.string().nullish(),
  customer: partneroCustomerReference.nullish(),
  partner: partneroPartnerReference.nullish(),
  amount: partneroAmount,
  amount_units: z.string().nullish(),
  is_currency: z.boolean().nullish(),
  credit: z.boolean().nullish(),
  created_at: timestamp.nullish(),
  deleted_at: timestamp.nullish(),
});
export type PartneroReward = z.infer<typeof partneroRewardSchema>;

export const partneroTransactionSchema = z.looseObject({
  key: z.string().min(1),
  amount: partneroAmount,
  amount_units: z.string().nullish(),
  customer: partneroCustomerReference,
  /** The credited partner's id; absent when nobody is credited. */
  partner: partneroPartnerReference.nullish(),
  action: z.string().nullish(),
  credit: z.boolean().nullish(),
  is_currency: z.boolean().nullish(),
  rewards: z.array(partneroRewardSchema).nullish(),
  created_at: timestamp.nullish(),
  deleted_at: timestamp.nullish(),
});
export type PartneroTransaction = z.infer<typeof partneroTransactionSchema>;

export const partneroWebhookSchema = z.looseObject({
  key: z.string().min(1),
  name: z.string().nullish(),
  url: z.string(),
  is_active: z.boolean().nullish(),
  /** The signing secret; returned by create and list. */
  signature: z.string().nullish(),
  events: z.array(z.string()),
});
export type PartneroWebhook = z.infer<typeof partneroWebhookSchema>;
