import type { RewardRecord, TransactionRecord } from '../model/records';

/** A transaction as the docs' create response shows it, with the rewards it produced. */
export function transactionJson(transaction: TransactionRecord) {
  return {
    key: transaction.key,
    action: transaction.action,
    amount: transaction.amount,
    partner: transaction.partnerId,
    customer: transaction.customerKey,
    credit: false,
    is_currency: true,
    amount_units: transaction.amount_units,
    created_at: transaction.created_at,
    // "Deletion timestamp if archived/refunded" (docs.partnero.com/api-reference/transactions/get).
    deleted_at: transaction.deleted_at ?? transaction.archived_at,
    rewards: transaction.rewards.map(rewardJson),
  };
}

export function rewardJson(reward: RewardRecord) {
  return {
    key: reward.key,
    action: reward.action,
    status: reward.status,
    customer: reward.customer,
    partner: reward.partner,
    amount: reward.amount,
    amount_units: reward.amount_units,
    is_currency: true,
    credit: false,
    created_at: reward.created_at,
    deleted_at: reward.deleted_at,
    product_type_data: reward.product_type_data,
  };
}
