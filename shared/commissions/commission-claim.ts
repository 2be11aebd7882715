import * as z from 'zod';

/**
 * The one commission a won Attio deal may pay, recorded in DynamoDB (`CLAIM#deal#<dealId>`)
 * BEFORE Partnero is called. Partnero accepts a transaction key twice and pays twice, so this
 * item, not Partnero, is what makes a payment happen once. A deal leaving the won stage (with
 * `reverseCommissionWhenUnwon` on) archives its transaction, which Partnero can restore, and a
 * re-win restores that same transaction: one transaction per deal, however often it flips.
 *
 *           won            Partnero answered          unwon                 Partnero answered
 *  (none) ──────▶ claimed ───────────────────▶ created ─────────▶ archiving ──────────────────▶ archived
 *                  │  ▲                         ▲    ▲  (recorded    │    ▲                          │
 *                  │  │ crash before the        │    │   first)      │    │ unwon again              │ won again
 *                  │  │ record: asks Partnero   │    │ restored, or  │    │ (recorded first)         │ (recorded first)
 *                  │  │ for the key, then       │    │ never archived│    │                          │
 *                  │  │ completes or creates    │    └──────────── restoring ◀───────────────────────┘
 *                  ▼  │                         │                     ▲
 *               rejected                        │                     └── won again while the archive was in doubt
 *   (customer unknown, no value,                │ won again: claimed, a new sale
 *    4xx, unwon before creation)             reversed ◀── archiving or restoring found no transaction (404), or
 *                                               ▲         Partnero refused to archive it and it was deleted
 *                                            reversing (an older version's delete in flight; finished by archiving,
 *                                                       or kept as created when won again and it still lives)
 *
 *   any state except merged ──▶ merged (the deal was merged into another record)
 *
 * - `claimed`: a Partnero call may have happened. Never paid again blindly: Partnero is asked
 *   for a live transaction with the claim's key first (`GET /v1/transactions?key=`). That takes
 *   the attempt which claimed to be over, not still running: the queue never hands a message to
 *   a second worker while the first runs it, because its visibility timeout is at least 6x the
 *   worker's timeout (enforced at synth, `lib/constructs/sync-worker.ts`), and one record's
 *   messages are applied one after another (its lane, `batch-by-record.ts`).
 * - `created`: Partnero holds the transaction; won again pays nothing more.
 * - `archiving`: recorded BEFORE Partnero is asked to archive the transaction (which soft-deletes
 *   it with its rewards, reversing the commission), so an archive whose answer was lost is never
 *   taken for one that did not happen. Whatever the next event finds, it asks Partnero for what
 *   the deal's standing needs: archive again (400 "already archived" is done), or restore.
 * - `archived`: Partnero holds the transaction archived. Won again: restored, not created again.
 * - `restoring`: recorded BEFORE Partnero is asked to restore (`revoke-archive`); finished like
 *   `archiving`, by asking for what the standing needs (restore, or archive again).
 * - `reversed`: Partnero no longer holds the transaction: an earlier version of the sync deleted
 *   it, someone deleted it in Partnero, or Partnero refused to archive it and it was deleted. A
 *   later win is a sale again and pays again under the same key, which a deleted transaction frees.
 * - `reversing`: an earlier version's delete in flight. Finished by archiving (a 404 means the
 *   delete went through), or, won again, kept if the transaction still lives.
 * - `rejected`: nothing exists in Partnero; the reason says why. Any later event of the deal
 *   (or the reconciliation job) tries again; nothing is lost.
 * - `merged`: the deal was merged into another record; its claim now lives under that id.
 *
 * | from \ to  | claimed | created | archiving | archived | restoring | reversed | rejected | merged |
 * |------------|---------|---------|-----------|----------|-----------|----------|----------|--------|
 * | (none)     | won     |         |           |          |           |          |          |        |
 * | claimed    | retry   | paid    |           |          |           |          | refused  | yes    |
 * | created    |         |         | unwon     |          |           |          |          | yes    |
 * | archiving  |         |         |           | archived | won again | gone     |          | yes    |
 * | archived   |         |         |           |          | won again |          |          | yes    |
 * | restoring  |         | restored| unwon     |          |           | gone     |          | yes    |
 * | reversing  |         | lives   | unwon     |          |           | gone     |          | yes    |
 * | reversed   | won     |         |           |          |           |          |          | yes    |
 * | rejected   | won     |         |           |          |           |          |          | yes    |
 */
export const claimStates = [
  'claimed',
  'created',
  'archiving',
  'archived',
  'restoring',
  'reversing',
  'reversed',
  'rejected',
  'merged',
] as const;
export type ClaimState = (typeof claimStates)[number];

export const commissionClaimSchema = z.object({
  programId: z.string().min(1),
  dealRecordId: z.string().min(1),
  state: z.enum(claimStates),
  /** The Partnero transaction key: the deal record id it was first claimed under (kept when a merge moves the claim). */
  transactionKey: z.string().min(1),
  /** Optimistic lock: every write is conditional on the version it read. */
  version: z.number().int().positive(),
  /** How many times the deal was claimed (a retry after `claimed`, a re-win after `reversed` or `rejected`). */
  attempts: z.number().int().nonnegative(),
  customerKey: z.string().nullable(),
  amount: z.number().nullable(),
  currency: z.string().nullable(),
  /** Why the claim is in its state, in words for the audit trail and the status page. */
  reason: z.string(),
  mergedInto: z.string().nullable(),
  updatedAt: z.string(),
});
export type CommissionClaim = z.infer<typeof commissionClaimSchema>;

const allowedTransitions: Readonly<Record<ClaimState | 'none', readonly ClaimState[]>> = {
  none: ['claimed'],
  claimed: ['claimed', 'created', 'rejected', 'merged'],
  created: ['archiving', 'merged'],
  archiving: ['archived', 'restoring', 'reversed', 'merged'],
  archived: ['restoring', 'merged'],
  restoring: ['created', 'archiving', 'reversed', 'merged'],
  reversing: ['archiving', 'created', 'reversed', 'merged'],
  reversed: ['claimed', 'merged'],
  rejected: ['claimed', 'merged'],
  merged: [],
};

export function canTransition(from: ClaimState | undefined, to: ClaimState): boolean {
  return allowedTransitions[from ?? 'none'].includes(to);
}

/** Fields a transition may set besides the state. */
export type ClaimChanges = Partial<Pick<CommissionClaim, 'customerKey' | 'amount' | 'currency'>> & {
  readonly reason: string;
};

/**
 * The claim that takes a deal for a payment attempt, from nothing or from the state read.
 * After a reversal the same transaction key is used again: the reversed transaction is gone
 * (an archived one is restored instead, never claimed again).
 */
export function claimedFrom(
  previous: CommissionClaim | undefined,
  programId: string,
  dealRecordId: string,
  reason: string,
  now: Date,
): CommissionClaim {
  assertTransition(previous?.state, 'claimed', dealRecordId);
  return {
    programId,
    dealRecordId,
    state: 'claimed',
    transactionKey: previous?.transactionKey ?? dealRecordId,
    version: (previous?.version ?? 0) + 1,
    attempts: (previous?.attempts ?? 0) + 1,
    customerKey: previous?.customerKey ?? null,
    amount: previous?.amount ?? null,
    currency: previous?.currency ?? null,
    reason,
    mergedInto: null,
    updatedAt: now.toISOString(),
  };
}

export function transitioned(
  claim: CommissionClaim,
  to: ClaimState,
  changes: ClaimChanges,
  now: Date,
): CommissionClaim {
  assertTransition(claim.state, to, claim.dealRecordId);
  return { ...claim, ...changes, state: to, version: claim.version + 1, updatedAt: now.toISOString() };
}

/**
 * A merge: the surviving record takes the claim over (same state, same transaction key, so a
 * reversal still archives, and a re-win restores, the right transaction) and the merged-away one points to it.
 */
export function movedToSurvivor(
  claim: CommissionClaim,
  survivorRecordId: string,
  now: Date,
): { readonly moved: CommissionClaim; readonly left: CommissionClaim } {
  assertTransition(claim.state, 'merged', claim.dealRecordId);
  const at = now.toISOString();
  return {
    moved: {
      ...claim,
      dealRecordId: survivorRecordId,
      version: 1,
      reason: `moved from deal ${claim.dealRecordId}, merged into this one (${claim.state}: ${claim.reason})`,
      updatedAt: at,
    },
    left: {
      ...claim,
      state: 'merged',
      mergedInto: survivorRecordId,
      version: claim.version + 1,
      reason: `merged into deal ${survivorRecordId}`,
      updatedAt: at,
    },
  };
}

function assertTransition(from: ClaimState | undefined, to: ClaimState, dealRecordId: string): void {
  // A programming error, not a data problem: the planner never asks for this.
  if (!canTransition(from, to))
    throw new Error(`commission claim of deal ${dealRecordId} cannot go from ${from ?? 'nothing'} to ${to}`);
}

/** Where a deal stands when one of its events is processed (after re-fetching it). */
export type DealStanding = 'won' | 'not-won' | 'deleted';

/** What to do with a deal's commission, decided from its claim and its standing alone. */
export type CommissionStep =
  /** Claim (from nothing, `rejected` or `reversed`), then create the transaction. */
  | { readonly kind: 'pay' }
  /** An earlier attempt may have reached Partnero: look the key up, create only when absent. */
  | { readonly kind: 'recover-then-pay' }
  /** An earlier attempt may have reached Partnero and the deal is no longer won: look it up, then settle as unwon. */
  | { readonly kind: 'recover-then-settle' }
  /** Archive the transaction (record `archiving` first): the commission is reversed, reversibly. */
  | { readonly kind: 'reverse' }
  /** Won again after an archive (done or in doubt): restore the same transaction (record `restoring` first). */
  | { readonly kind: 'restore' }
  /** An older version's delete may have reached Partnero and the deal is won again: keep the transaction if it lives, else pay again. */
  | { readonly kind: 'recover-reversal-then-pay' }
  /** The deal was unwon but the program keeps commissions (`reverseCommissionWhenUnwon` off). */
  | { readonly kind: 'keep' }
  | { readonly kind: 'nothing'; readonly reason: string };

export function planCommission(
  claim: CommissionClaim | undefined,
  standing: DealStanding,
  reverseWhenUnwon: boolean,
): CommissionStep {
  const state = claim?.state;
  if (state === 'merged')
    return {
      kind: 'nothing',
      reason: `the deal was merged into ${claim?.mergedInto ?? 'another record'}, which holds its commission`,
    };
  if (standing === 'won') {
    if (state === 'created')
      return {
        kind: 'nothing',
        reason: `the commission of this deal was already created (Partnero transaction ${claim?.transactionKey})`,
      };
    if (state === 'claimed') return { kind: 'recover-then-pay' };
    if (state === 'archiving' || state === 'archived' || state === 'restoring') return { kind: 'restore' };
    if (state === 'reversing') return { kind: 'recover-reversal-then-pay' };
    return { kind: 'pay' };
  }
  const left = standing === 'deleted' ? 'the deal was deleted' : 'the deal is not in the won stage';
  if (state === 'created') return reverseWhenUnwon ? { kind: 'reverse' } : { kind: 'keep' };
  // Begun under the setting in force then: finished whatever the setting says now.
  if (state === 'archiving' || state === 'restoring' || state === 'reversing') return { kind: 'reverse' };
  if (state === 'claimed') return { kind: 'recover-then-settle' };
  if (state === 'archived')
    return {
      kind: 'nothing',
      reason: `${left}; its commission was already reversed (the Partnero transaction is archived)`,
    };
  if (state === 'reversed') return { kind: 'nothing', reason: `${left}; its commission was already reversed` };
  if (state === 'rejected') return { kind: 'nothing', reason: `${left}; no commission was created (${claim?.reason})` };
  return { kind: 'nothing', reason: `${left}; no commission was ever created for it` };
}
