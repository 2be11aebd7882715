import { planCommission, type CommissionClaim, type DealStanding } from '../commissions/commission-claim';
import { ProviderHttpError } from '../errors';
import type { PartneroTransaction } from '../partnero/resource-schemas';
import type { RecordLink } from '../sync/link-repository';
import type { RecordWorkClass } from './attio-event';
import { findDealCustomer } from './deal-customer';
import { DEAL_OBJECT } from '../attio/object-slugs';
import { dealStanding, mirroredTransactionKey, readDeal, unusableValueReason, type DealFacts } from './deal-facts';
import { fetchRecord, holdsOnlyLinkedWrite, type AttioSyncContext } from './sync-context';
import { transactionTarget, type SyncResult } from './sync-result';

/**
 * A deal's events -> its commission, at most once. The deal is re-fetched (events carry no
 * values); its standing (won, not won, deleted) and its claim decide the step (see
 * `planCommission` and the state machine in `commission-claim.ts`).
 */
export async function syncDealCommission(
  context: AttioSyncContext,
  dealRecordId: string,
  workClass: Exclude<RecordWorkClass, 'merge'>,
): Promise<SyncResult> {
  const settings = context.settings.deals;
  if (!settings.enabled)
    return { outcome: 'skipped-by-settings', targetRecord: null, reason: 'deal sync is off in the program settings' };
  if (settings.wonStageId === null)
    return {
      outcome: 'skipped-by-settings',
      targetRecord: null,
      reason: 'no won stage is chosen in the deal settings, so no deal pays a commission yet',
    };

  const record = await fetchRecord(context, DEAL_OBJECT, dealRecordId);
  // An unreadable deal may be merged away (merges make old ids 404): only its own deletion event may treat it as deleted.
  if (!record && workClass === 'sync')
    return {
      outcome: 'noop',
      targetRecord: null,
      reason:
        'the deal can no longer be read (deleted or merged); its record.deleted or record.merged event settles its commission',
    };
  const [link, claim] = await Promise.all([
    context.links.findByAttioRecordId(context.programId, dealRecordId, 'transaction'),
    context.claims.find(context.programId, dealRecordId),
  ]);
  const deal = record ? readDeal(record) : undefined;

  if (await holdsOnlyLinkedWrite(context, DEAL_OBJECT, record, link)) {
    return {
      outcome: 'echo',
      targetRecord: null,
      reason: 'the deal holds exactly what the Partnero -> Attio sync wrote: nothing changed by a person',
    };
  }
  if (!claim) {
    const mirrored = mirroredTransactionKey(deal, link, dealRecordId);
    if (mirrored)
      return {
        outcome: 'noop',
        targetRecord: null,
        reason: `the deal mirrors Partnero transaction ${mirrored}, which already carries its commission`,
      };
  }

  const standing = dealStanding(deal, settings);
  const step = planCommission(claim, standing, settings.reverseCommissionWhenUnwon);
  switch (step.kind) {
    case 'nothing':
      return {
        outcome: 'noop',
        targetRecord: claim ? transactionTarget(claim.transactionKey) : null,
        reason: step.reason,
      };
    case 'pay':
      return pay(context, deal as DealFacts, claim, link);
    case 'recover-then-pay':
      return recoverThenPay(context, deal as DealFacts, claim as CommissionClaim, link);
    case 'recover-then-settle':
      return recoverThenSettle(context, claim as CommissionClaim, standing);
    case 'reverse':
      return reverse(context, claim as CommissionClaim, standing);
    case 'restore':
      return restore(context, deal as DealFacts, claim as CommissionClaim, link);
    case 'recover-reversal-then-pay':
      return recoverReversalThenPay(context, deal as DealFacts, claim as CommissionClaim, link);
    case 'keep':
      return keep(claim as CommissionClaim, standing);
  }
}

/** Claim first: from here on, an interrupted attempt is finished by asking Partnero, never by paying blind. */
async function pay(
  context: AttioSyncContext,
  deal: DealFacts,
  previous: CommissionClaim | undefined,
  link: RecordLink | undefined,
): Promise<SyncResult> {
  const claim = await context.claims.claim(
    context.programId,
    deal.recordId,
    previous,
    'won: creating the Partnero transaction',
    context.now(),
  );
  const target = transactionTarget(claim.transactionKey);
  const unusable = unusableValueReason(deal.value);
  if (unusable) return reject(context, claim, unusable);
  const customer = await findDealCustomer(context, deal);
  if (!customer.found) return reject(context, claim, customer.reason);

  await linkTransaction(context, deal.recordId, claim.transactionKey, link);
  const value = deal.value as NonNullable<DealFacts['value']>;
  let transaction: PartneroTransaction;
  try {
    transaction = await context.partnero.transactions.create({
      key: claim.transactionKey,
      amount: value.amount,
      ...(value.currency ? { amount_units: value.currency } : {}),
      action: 'sale',
      customer: { key: customer.customerKey },
    });
  } catch (error) {
    // A 4xx means Partnero made nothing: safe to record. A 5xx or a timeout may have made it: the claim stays `claimed`.
    if (error instanceof ProviderHttpError)
      return reject(context, claim, `Partnero refused the transaction: ${error.message}`);
    throw error;
  }
  await context.claims.transition(
    claim,
    'created',
    {
      customerKey: customer.customerKey,
      amount: value.amount,
      currency: value.currency,
      reason: `won: transaction created for ${amountText(value)} (${customer.how})`,
    },
    context.now(),
  );
  return {
    outcome: 'applied',
    targetRecord: target,
    reason:
      `deal won: Partnero transaction ${transaction.key} created for ${amountText(value)} (${customer.how})` +
      commissionNote(transaction),
  };
}

async function recoverThenPay(
  context: AttioSyncContext,
  deal: DealFacts,
  claim: CommissionClaim,
  link: RecordLink | undefined,
): Promise<SyncResult> {
  const found = await liveTransaction(context, claim.transactionKey);
  if (found) {
    await complete(context, claim, found);
    return {
      outcome: 'applied',
      targetRecord: transactionTarget(claim.transactionKey),
      reason: 'an interrupted attempt had created the transaction in Partnero: recorded, not created again',
    };
  }
  return pay(context, deal, claim, link);
}

async function recoverThenSettle(
  context: AttioSyncContext,
  claim: CommissionClaim,
  standing: DealStanding,
): Promise<SyncResult> {
  const found = await liveTransaction(context, claim.transactionKey);
  if (!found) {
    const reason = `${leftWon(standing)} before its transaction was created; it pays when won again`;
    await context.claims.transition(claim, 'rejected', { reason }, context.now());
    return { outcome: 'noop', targetRecord: null, reason };
  }
  const created = await complete(context, claim, found);
  return context.settings.deals.reverseCommissionWhenUnwon
    ? reverse(context, created, standing)
    : keep(created, standing);
}

/**
 * Archives the transaction: Partnero soft-deletes it with its rewards, which reverses the
 * commission and can be undone (docs.partnero.com/api-reference/transactions/archive).
 * Recorded first, like a payment: an archive whose answer is lost must not look like one never sent.
 */
async function reverse(context: AttioSyncContext, from: CommissionClaim, standing: DealStanding): Promise<SyncResult> {
  const claim = await recordBeforeTheCall(
    context,
    from,
    'archiving',
    `${leftWon(standing)}: archiving its Partnero transaction`,
  );
  const answer = await context.partnero.transactions.archive(claim.transactionKey);
  if (answer === 'not_found')
    return settle(
      context,
      claim,
      'reversed',
      'applied',
      `${leftWon(standing)}: its Partnero transaction was already gone`,
    );
  // "Action failed" is what an already archived transaction answers; one still in force was refused.
  if (answer === 'not_applied' && (await liveTransaction(context, claim.transactionKey))) {
    const deleted = await context.partnero.transactions.delete(claim.transactionKey);
    return settle(
      context,
      claim,
      'reversed',
      'applied',
      `${leftWon(standing)}: Partnero refused to archive its transaction, so it was ` +
        `${deleted === 'deleted' ? 'deleted' : 'found gone'}, reversing the commission (a re-win ` +
        `pays a new transaction)`,
    );
  }
  const what =
    answer === 'archived'
      ? 'its Partnero transaction was archived, reversing the commission'
      : 'its Partnero transaction was already archived';
  const reason = `${leftWon(standing)}: ${what}; it is restored if the deal is won again`;
  return settle(context, claim, 'archived', 'applied', reason);
}

/**
 * Won again after its transaction was archived (or while that was in doubt): the same
 * transaction is restored with its rewards, so the deal keeps exactly one. Recorded first.
 */
async function restore(
  context: AttioSyncContext,
  deal: DealFacts,
  from: CommissionClaim,
  link: RecordLink | undefined,
): Promise<SyncResult> {
  const claim = await recordBeforeTheCall(
    context,
    from,
    'restoring',
    'won again: restoring its archived Partnero transaction',
  );
  const answer = await context.partnero.transactions.restore(claim.transactionKey);
  if (answer === 'restored') {
    const reason = 'won again: its archived Partnero transaction was restored with its commission';
    return settle(context, claim, 'created', 'applied', reason);
  }
  if (answer === 'not_found') {
    // Deleted in Partnero meanwhile (or an archive that never happened on a transaction since deleted): a sale again.
    return reverseThenPay(context, deal, claim, link, 'won again, but Partnero no longer has its transaction');
  }
  // "Action failed": not archived (the archive never went through, or it was restored already), or the restore failed.
  const kept = await keepIfStanding(
    context,
    claim,
    'won again: its Partnero transaction stands (it was not archived), so nothing was created',
  );
  if (kept) return kept;
  return {
    outcome: 'rejected',
    targetRecord: transactionTarget(claim.transactionKey),
    reason:
      "won again, but Partnero refused to restore its archived transaction; it is tried again at the deal's next change and by the nightly reconciliation",
  };
}

async function recoverReversalThenPay(
  context: AttioSyncContext,
  deal: DealFacts,
  claim: CommissionClaim,
  link: RecordLink | undefined,
): Promise<SyncResult> {
  const kept = await keepIfStanding(
    context,
    claim,
    'won again before the reversal of its commission went through: the Partnero transaction still stands and is kept',
  );
  if (kept) return kept;
  return reverseThenPay(context, deal, claim, link, 'the interrupted reversal had deleted the Partnero transaction');
}

/**
 * Won again while its Partnero transaction still stands: the claim is settled as created and
 * nothing is sent. Undefined when the transaction is gone.
 */
async function keepIfStanding(
  context: AttioSyncContext,
  claim: CommissionClaim,
  reason: string,
): Promise<SyncResult | undefined> {
  if (!(await liveTransaction(context, claim.transactionKey))) return undefined;
  return settle(context, claim, 'created', 'noop', reason);
}

/**
 * Moves the claim to the in-doubt state of a Partnero call before making it, so an answer lost to a
 * crash reads as "maybe done" on the retry; a claim already in that state (the retry) stays as it is.
 */
async function recordBeforeTheCall(
  context: AttioSyncContext,
  from: CommissionClaim,
  to: 'archiving' | 'restoring',
  reason: string,
): Promise<CommissionClaim> {
  return from.state === to ? from : context.claims.transition(from, to, { reason }, context.now());
}

/**
 * Records where the claim's Partnero transaction now stands (`created`: it stands; `reversed`: it is
 * gone; `archived`) and answers for it: `applied` when this step changed Partnero, `noop` when it found it so.
 */
async function settle(
  context: AttioSyncContext,
  claim: CommissionClaim,
  to: 'created' | 'reversed' | 'archived',
  outcome: 'applied' | 'noop',
  reason: string,
): Promise<SyncResult> {
  await context.claims.transition(claim, to, { reason }, context.now());
  return { outcome, targetRecord: transactionTarget(claim.transactionKey), reason };
}

/** The claim's transaction is gone from Partnero: the claim is reversed and the won deal is paid anew. */
async function reverseThenPay(
  context: AttioSyncContext,
  deal: DealFacts,
  claim: CommissionClaim,
  link: RecordLink | undefined,
  reason: string,
): Promise<SyncResult> {
  const reversed = await context.claims.transition(claim, 'reversed', { reason }, context.now());
  return pay(context, deal, reversed, link);
}

function keep(claim: CommissionClaim, standing: DealStanding): SyncResult {
  return {
    outcome: 'skipped-by-settings',
    targetRecord: transactionTarget(claim.transactionKey),
    reason: `${leftWon(standing)}; its commission is kept because reversing commissions of unwon deals is off in the deal settings`,
  };
}

async function reject(context: AttioSyncContext, claim: CommissionClaim, reason: string): Promise<SyncResult> {
  await context.claims.transition(claim, 'rejected', { reason }, context.now());
  return { outcome: 'rejected', targetRecord: null, reason };
}

function complete(
  context: AttioSyncContext,
  claim: CommissionClaim,
  transaction: PartneroTransaction,
): Promise<CommissionClaim> {
  return context.claims.transition(
    claim,
    'created',
    {
      customerKey: transaction.customer,
      amount: transaction.amount,
      currency: transaction.amount_units?.toUpperCase() ?? null,
      reason: 'transaction found in Partnero after an interrupted attempt',
    },
    context.now(),
  );
}

/** A transaction still in force under the key: the list may hold sibling keys or deleted ones, never counted. */
async function liveTransaction(context: AttioSyncContext, key: string): Promise<PartneroTransaction | undefined> {
  const found = await context.partnero.transactions.findByKey(key);
  return found.find((transaction) => transaction.key === key && !transaction.deleted_at);
}

/**
 * Links the deal to its transaction before Partnero is called: Partnero's `transaction.created`
 * webhook comes back to the other direction, which must find the sale already linked to this
 * deal instead of opening a second deal for it.
 */
async function linkTransaction(
  context: AttioSyncContext,
  dealRecordId: string,
  transactionKey: string,
  link: RecordLink | undefined,
): Promise<void> {
  if (link) return;
  await context.links.save(
    {
      programId: context.programId,
      kind: 'transaction',
      partneroId: transactionKey,
      attioObject: DEAL_OBJECT,
      attioRecordId: dealRecordId,
      attioWrittenHash: null,
      partneroWrittenHash: null,
      partneroVersion: null,
      updatedAt: context.now().toISOString(),
    },
    { foundBy: 'attio' },
  );
}

function leftWon(standing: DealStanding): string {
  return standing === 'deleted' ? 'the deal was deleted' : 'the deal left the won stage';
}

function commissionNote(transaction: PartneroTransaction): string {
  const rewards = (transaction.rewards ?? []).filter((reward) => !reward.deleted_at);
  if (rewards.length === 0) return '; Partnero computed no commission';
  const total = Math.round(rewards.reduce((sum, reward) => sum + reward.amount, 0) * 10_000) / 10_000;
  return `; commission ${total}${rewards[0]?.amount_units ? ` ${rewards[0].amount_units}` : ''}`;
}

/** "120 USD", or "120" when the deal's value carries no currency. */
function amountText(value: { readonly amount: number; readonly currency: string | null }): string {
  return `${value.amount}${value.currency ? ` ${value.currency}` : ''}`;
}
