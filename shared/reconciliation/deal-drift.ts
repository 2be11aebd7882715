import { dealStanding, mirroredTransactionKey, type DealFacts } from '../attio-to-partnero/deal-facts';
import type { CommissionClaim } from '../commissions/commission-claim';
import type { DealSettings } from '../programs/program-settings';
import type { RecordLink } from '../sync/link-repository';

/**
 * Why a deal's commission disagrees with its stage, or undefined when it agrees:
 *
 *   won, no claim (and not a mirror of a Partnero sale)   -> the won webhook was missed
 *   won, claim claimed | rejected | reversed | archived    -> an attempt to finish or retry
 *                                                             (an archived one is restored)
 *   not won or deleted, claim created, reversal on         -> the unwon webhook was missed
 *   any, claim claimed                                     -> an interrupted attempt to settle
 *   any, claim archiving | restoring | reversing           -> an interrupted archive or restore
 *
 * The worker decides what to do (pay, recover, archive, restore) from the claim and the deal's
 * current state; the job only says the deal needs looking at.
 */
export function dealDrift(
  deal: DealFacts | undefined,
  claim: CommissionClaim | undefined,
  link: RecordLink | undefined,
  dealRecordId: string,
  settings: DealSettings,
): string | undefined {
  if (!settings.enabled || settings.wonStageId === null) return undefined;
  if (claim?.state === 'merged') return undefined;
  if (claim?.state === 'claimed') return 'an attempt to pay its commission was interrupted';
  if (claim?.state === 'reversing' || claim?.state === 'archiving')
    return 'an attempt to reverse its commission was interrupted';
  if (claim?.state === 'restoring') return 'an attempt to restore its commission was interrupted';
  const standing = dealStanding(deal, settings);
  if (standing === 'won') {
    if (!claim)
      return mirroredTransactionKey(deal, link, dealRecordId)
        ? undefined
        : 'the deal is won and has no Partnero transaction (a missed webhook)';
    if (claim.state === 'created') return undefined;
    return `the deal is won and its commission is ${claim.state}`;
  }
  if (claim?.state === 'created' && settings.reverseCommissionWhenUnwon)
    return `the deal is ${standing === 'deleted' ? 'deleted' : 'no longer won'} and its commission was not reversed`;
  return undefined;
}

/**
 * Why a deal made from a Partnero sale should show the sale refunded, or undefined: the sale is
 * no longer among Partnero's live transactions (its `transaction.deleted` webhook was missed)
 * while the deal does not say `refunded` yet. Deals won in Attio carry their own id as the key and
 * are left to the commission rules above.
 */
export function refundDrift(
  deal: DealFacts,
  transactionStatus: string | undefined,
  liveSaleKeys: ReadonlySet<string>,
): string | undefined {
  const key = deal.partneroTransactionKey;
  if (key === undefined || key === deal.recordId || transactionStatus === 'refunded') return undefined;
  return liveSaleKeys.has(key)
    ? undefined
    : `its Partnero sale ${key} is no longer in Partnero and the deal does not show the refund (a missed webhook)`;
}

/**
 * Why a deal should show another commission status than it does, or undefined. Partnero sends no
 * webhook when a transaction is archived or restored (its API reference and n8n node list only
 * `transaction.created` and `transaction.deleted`; `transaction.updated` and `reward.*` are in its
 * guide only, reference §5), so the job compares the status the deal shows with the one the
 * listed transaction gives now (`commissionStatus`). A deal without the attribute (connected
 * before it existed) or already refunded is left alone.
 */
export function commissionStatusDrift(
  shown: string | undefined,
  transactionStatus: string | undefined,
  listedStatus: string | undefined,
): string | undefined {
  if (shown === undefined || listedStatus === undefined || transactionStatus === 'refunded' || shown === listedStatus)
    return undefined;
  return (
    `the deal shows commission status ${shown}, Partnero's transaction now says ` +
    `${listedStatus} (archived or restored in Partnero, which sends no webhook for it)`
  );
}
