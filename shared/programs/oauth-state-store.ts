import { DeleteCommand, PutCommand, isConditionalCheckFailure } from '../aws/dynamodb-document-client';
import { randomBytes } from 'node:crypto';
import { keys } from '../store/keys';
import type { SyncTable } from '../store/sync-table';

/** How long a user has between "Connect with Attio" and Attio's redirect back. */
export const OAUTH_STATE_TTL_SECONDS = 10 * 60;

export interface StoredOAuthState {
  readonly nonce: string;
  readonly programId: string;
  readonly createdAt: string;
  /** Epoch seconds; also the table's TTL attribute (DynamoDB deletes late, so it is checked on read too). */
  readonly expiresAt: number;
}

/**
 * Single-use OAuth `state` values, each bound to the program that started the flow. `consume`
 * deletes the item in the same call that reads it, so two callbacks racing with one state
 * cannot both succeed: the second finds nothing.
 */
export class OAuthStateStore {
  constructor(private readonly table: SyncTable) {}

  async create(
    programId: string,
    now: Date = new Date(),
    ttlSeconds: number = OAUTH_STATE_TTL_SECONDS,
  ): Promise<StoredOAuthState> {
    const state: StoredOAuthState = {
      nonce: randomBytes(32).toString('base64url'),
      programId,
      createdAt: now.toISOString(),
      expiresAt: Math.floor(now.getTime() / 1000) + ttlSeconds,
    };
    await this.table.client.send(
      new PutCommand({
        TableName: this.table.tableName,
        Item: { pk: keys.oauthStatePartition(state.nonce), sk: keys.oauthState, ...state },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return state;
  }

  /** The state, removed; undefined when it never existed or was already used. Expiry is the caller's rule. */
  async consume(nonce: string): Promise<StoredOAuthState | undefined> {
    if (!/^[A-Za-z0-9_-]{16,128}$/.test(nonce)) return undefined;
    try {
      const result = await this.table.client.send(
        new DeleteCommand({
          TableName: this.table.tableName,
          Key: { pk: keys.oauthStatePartition(nonce), sk: keys.oauthState },
          ConditionExpression: 'attribute_exists(pk)',
          ReturnValues: 'ALL_OLD',
        }),
      );
      const item = result.Attributes;
      if (!item || typeof item.programId !== 'string' || typeof item.expiresAt !== 'number') return undefined;
      return { nonce, programId: item.programId, createdAt: String(item.createdAt), expiresAt: item.expiresAt };
    } catch (error) {
      if (isConditionalCheckFailure(error)) return undefined;
      throw error;
    }
  }
}
