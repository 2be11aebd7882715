import type { PartneroTransaction } from '../partnero/resource-schemas';
import type { PlannedValue } from './record-plan';
import { syncAttributeSlugs } from '../attio/sync-attribute-slugs';

/**
 * What a sale paid, for its Attio deal: the commission Partnero computed (the transaction's
 * `rewards`, returned by create and by `GET /transactions/{key}`, reference §4), the partner it
 * was credited to, and its status.
 *
 *   rewards live, none deleted ──▶ amount = their sum, currency = theirs, status = the rewards'
 *                                  own status as Partnero reports it (`ok` in the docs' example;
 *                                  any later status Partnero puts there is shown as it comes)
 *   no reward at all            ──▶ amount 0, status `none` (Partnero computed no commission:
 *                                  no referring partner, or `rewardable: false`)
 *   transaction archived        ──▶ status `archived` (its rewards no longer count)
 *   transaction deleted (refund)──▶ status `reversed` (see `reversedCommissionValues`)
 *
 * Partnero's `reward.approved` / `reward.paid` webhooks are in its guide only (reference §5,
 * unverified), so the sync never waits for them: the status is whatever the transaction says
 * when the sync reads it. All values are optional: a workspace connected before these
 * attributes existed still gets its deal, without them (a reconnect creates them).
 */
export function commissionValues(transaction: PartneroTransaction): PlannedValue[] {
  const rewards = transaction.rewards ?? [];
  const live = rewards.filter((reward) => !reward.deleted_at);
  const counted = transaction.deleted_at ? [] : live;
  const amount = Math.round(counted.reduce((sum, reward) => sum + reward.amount, 0) * 10_000) / 10_000;
  const currency =
    (counted[0]?.amount_units ?? rewards[0]?.amount_units ?? transaction.amount_units ?? null)?.toUpperCase() ?? null;
  const partner = transaction.partner ?? rewards.find((reward) => reward.partner)?.partner ?? null;
  return [
    { slug: syncAttributeSlugs.commissionAmount, value: amount, optional: true },
    { slug: syncAttributeSlugs.commissionCurrency, value: currency, optional: true },
    { slug: syncAttributeSlugs.commissionPartner, value: partner, optional: true },
    { slug: syncAttributeSlugs.commissionStatus, value: commissionStatus(transaction), optional: true },
  ];
}

/** The refund: Partnero deleted the transaction and "reverses the associated commission". */
export function reversedCommissionValues(): PlannedValue[] {
  return [{ slug: syncAttributeSlugs.commissionStatus, value: 'reversed', optional: true }];
}

export function commissionStatus(transaction: PartneroTransaction): string {
  if (transaction.deleted_at) return 'archived';
  const statuses = [
    ...new Set(
      (transaction.rewards ?? []).filter((reward) => !reward.deleted_at).map((reward) => reward.status ?? 'ok'),
    ),
  ];
  if (statuses.length === 0) return 'none';
  return statuses.join(', ');
}
