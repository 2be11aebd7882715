import type { DealSettings } from '../programs/program-settings';
import type { DealStanding } from '../commissions/commission-claim';
import type { RecordLink } from '../sync/link-repository';
import { dealAttributeSlugs, syncAttributeSlugs } from '../attio/sync-attribute-slugs';
import {
  moneyOf,
  recordIdOf,
  referencedIdsOf,
  statusIdOf,
  textOf,
  type AttioRecord,
  type MoneyValue,
} from './attio-record';

/** What the commission rules need to know about a re-fetched deal. */
export interface DealFacts {
  readonly recordId: string;
  readonly stageId: string | undefined;
  readonly value: MoneyValue | undefined;
  /** Associated people's record ids, in Attio's order. */
  readonly peopleIds: readonly string[];
  /** Set by the Partnero -> Attio direction on deals it made from Partnero sales. */
  readonly partneroTransactionKey: string | undefined;
}

export function readDeal(record: AttioRecord): DealFacts {
  return {
    recordId: recordIdOf(record),
    stageId: statusIdOf(record, dealAttributeSlugs.stage),
    value: moneyOf(record, dealAttributeSlugs.value),
    peopleIds: referencedIdsOf(record, dealAttributeSlugs.associatedPeople),
    partneroTransactionKey: textOf(record, syncAttributeSlugs.transactionKey),
  };
}

/** A deleted (or merged-away, unreadable) deal is `deleted`; otherwise its stage decides. */
export function dealStanding(deal: DealFacts | undefined, settings: DealSettings): DealStanding {
  if (!deal) return 'deleted';
  return deal.stageId !== undefined && deal.stageId === settings.wonStageId ? 'won' : 'not-won';
}

/**
 * A deal the Partnero -> Attio direction made from a Partnero sale mirrors a transaction that
 * already pays its commission: winning it in Attio must not pay a second time. Deals whose
 * transaction this direction made carry their own id as the key (the claim's key), so they
 * are not mirrors even once the other direction has tagged them.
 */
export function mirroredTransactionKey(
  deal: DealFacts | undefined,
  link: RecordLink | undefined,
  dealRecordId: string,
): string | undefined {
  const tag = deal?.partneroTransactionKey;
  if (tag !== undefined && tag !== dealRecordId) return tag;
  if (link && link.kind === 'transaction' && link.partneroId !== dealRecordId) return link.partneroId;
  return undefined;
}

/** Why a deal cannot pay yet, or undefined when its value is usable. */
export function unusableValueReason(value: MoneyValue | undefined): string | undefined {
  if (!value) return 'the deal has no value: set its value in Attio and it will be paid at its next change';
  if (!(value.amount > 0)) return `the deal's value is ${value.amount}: only a positive value pays a commission`;
  return undefined;
}
