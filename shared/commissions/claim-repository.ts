import {
  GetCommand,
  isConditionalCheckFailure,
  PutCommand,
  TransactWriteCommand,
} from '../aws/dynamodb-document-client';
import { RetryableError } from '../errors';
import { keys } from '../store/keys';
import type { SyncTable } from '../store/sync-table';
import {
  claimedFrom,
  commissionClaimSchema,
  movedToSurvivor,
  transitioned,
  type ClaimChanges,
  type ClaimState,
  type CommissionClaim,
} from './commission-claim';

/**
 * Someone changed the claim between our read and our write. With one FIFO group per deal this
 * is rare (a merge moving it, the reconciliation job); the event is retried and re-reads it.
 */
export class ClaimConflictError extends RetryableError {
  constructor(dealRecordId: string, options?: ErrorOptions) {
    super(`the commission claim of deal ${dealRecordId} changed while it was being updated`, options);
  }
}

/** What the sync needs of the claims; `ClaimRepository` in AWS, an in-memory map in unit tests. */
export interface ClaimStore {
  find(programId: string, dealRecordId: string): Promise<CommissionClaim | undefined>;
  claim(
    programId: string,
    dealRecordId: string,
    previous: CommissionClaim | undefined,
    reason: string,
    now?: Date,
  ): Promise<CommissionClaim>;
  transition(claim: CommissionClaim, to: ClaimState, changes: ClaimChanges, now?: Date): Promise<CommissionClaim>;
  /** Undefined when the survivor already has a claim of its own: both deals then keep their own history. */
  moveToSurvivor(claim: CommissionClaim, survivorRecordId: string, now?: Date): Promise<CommissionClaim | undefined>;
}

/**
 * What every claim store does alike, in the sync table or in memory: each change is a pure step
 * of commission-claim.ts, then a write conditional on the claim that was read.
 */
export abstract class VersionCheckedClaims implements Pick<ClaimStore, 'claim' | 'transition'> {
  /** Stores `claim` only while the stored claim is still `previous` (none when undefined); else ClaimConflictError. */
  protected abstract write(claim: CommissionClaim, previous: CommissionClaim | undefined): Promise<void>;

  async claim(
    programId: string,
    dealRecordId: string,
    previous: CommissionClaim | undefined,
    reason: string,
    now: Date = new Date(),
  ): Promise<CommissionClaim> {
    const claim = claimedFrom(previous, programId, dealRecordId, reason, now);
    await this.write(claim, previous);
    return claim;
  }

  async transition(
    claim: CommissionClaim,
    to: ClaimState,
    changes: ClaimChanges,
    now: Date = new Date(),
  ): Promise<CommissionClaim> {
    const next = transitioned(claim, to, changes, now);
    await this.write(next, claim);
    return next;
  }
}

const keyAttributes = ['pk', 'sk'];

/**
 * Commission claims in the sync table. Every write is conditional on the version that was read
 * (or on the item not existing), so two writers can never both believe they own a payment.
 */
export class ClaimRepository extends VersionCheckedClaims implements ClaimStore {
  constructor(private readonly table: SyncTable) {
    super();
  }

  async find(programId: string, dealRecordId: string): Promise<CommissionClaim | undefined> {
    const result = await this.table.client.send(
      new GetCommand({ TableName: this.table.tableName, Key: this.key(programId, dealRecordId), ConsistentRead: true }),
    );
    if (!result.Item) return undefined;
    return commissionClaimSchema.parse(
      Object.fromEntries(Object.entries(result.Item).filter(([name]) => !keyAttributes.includes(name))),
    );
  }

  async moveToSurvivor(
    claim: CommissionClaim,
    survivorRecordId: string,
    now: Date = new Date(),
  ): Promise<CommissionClaim | undefined> {
    const { moved, left } = movedToSurvivor(claim, survivorRecordId, now);
    try {
      await this.table.client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.table.tableName,
                Item: this.item(moved),
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            {
              Put: {
                TableName: this.table.tableName,
                Item: this.item(left),
                ConditionExpression: 'version = :expected',
                ExpressionAttributeValues: { ':expected': claim.version },
              },
            },
          ],
        }),
      );
    } catch (error) {
      if (!isConditionalCheckFailure(error)) throw error;
      if (await this.find(claim.programId, survivorRecordId)) return undefined;
      throw new ClaimConflictError(claim.dealRecordId, { cause: error });
    }
    return moved;
  }

  protected async write(claim: CommissionClaim, previous: CommissionClaim | undefined): Promise<void> {
    try {
      await this.table.client.send(
        new PutCommand({
          TableName: this.table.tableName,
          Item: this.item(commissionClaimSchema.parse(claim)),
          ConditionExpression: previous ? 'version = :expected' : 'attribute_not_exists(pk)',
          ExpressionAttributeValues: previous ? { ':expected': previous.version } : undefined,
        }),
      );
    } catch (error) {
      if (isConditionalCheckFailure(error)) throw new ClaimConflictError(claim.dealRecordId, { cause: error });
      throw error;
    }
  }

  private item(claim: CommissionClaim): Record<string, unknown> {
    return { ...this.key(claim.programId, claim.dealRecordId), ...claim };
  }

  private key(programId: string, dealRecordId: string): { pk: string; sk: string } {
    return { pk: keys.programPartition(programId), sk: keys.dealClaim(dealRecordId) };
  }
}
