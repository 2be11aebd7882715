import {
  BatchWriteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  isConditionalCheckFailure,
} from '../aws/dynamodb-document-client';
import { createHash } from 'node:crypto';
import { keys } from '../store/keys';
import type { SyncTable } from '../store/sync-table';
import { epochSeconds } from '../http/signed-token';
import type { SettingsSession } from './settings-session';

/**
 * What the signed link and cookie cannot say by themselves: whether a link was already used and
 * whether a session is still open. Both live in the program's own partition, so removing the
 * program (one query and delete of that partition) ends every session and forgets every link.
 *
 *   link ──redeem (first time only)──▶ session opened ──▶ open on every request
 *                                            │
 *                   disconnect from Attio ───┤ endAll: every session of the program closed
 *                   program removed ─────────┘ (the partition is deleted)
 *
 * Items expire with the link or session they stand for (the table's TTL; reads check the time too).
 */
export class SettingsSessionStore {
  constructor(private readonly table: SyncTable) {}

  /** True the first time a link is redeemed, false ever after (until it has expired anyway). */
  async redeemLink(
    programId: string,
    linkToken: string,
    linkExpiresAt: Date,
    now: Date = new Date(),
  ): Promise<boolean> {
    const linkHash = createHash('sha256').update(linkToken).digest('base64url');
    try {
      await this.table.client.send(
        new PutCommand({
          TableName: this.table.tableName,
          Item: {
            pk: keys.programPartition(programId),
            sk: keys.settingsLinkUse(linkHash),
            usedAt: now.toISOString(),
            expiresAt: epochSeconds(linkExpiresAt),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailure(error)) return false;
      throw error;
    }
  }

  async open(session: SettingsSession, now: Date = new Date()): Promise<void> {
    await this.table.client.send(
      new PutCommand({
        TableName: this.table.tableName,
        Item: {
          pk: keys.programPartition(session.programId),
          sk: keys.settingsSession(session.nonce),
          openedAt: now.toISOString(),
          expiresAt: epochSeconds(session.expiresAt),
        },
      }),
    );
  }

  async isOpen(session: SettingsSession, now: Date = new Date()): Promise<boolean> {
    const result = await this.table.client.send(
      new GetCommand({
        TableName: this.table.tableName,
        Key: { pk: keys.programPartition(session.programId), sk: keys.settingsSession(session.nonce) },
        ConsistentRead: true,
      }),
    );
    return typeof result.Item?.expiresAt === 'number' && result.Item.expiresAt > epochSeconds(now);
  }

  /** Ends every session of the program; returns how many were open. */
  async endAll(programId: string): Promise<number> {
    let ended = 0;
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.table.client.send(
        new QueryCommand({
          TableName: this.table.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': keys.programPartition(programId), ':prefix': keys.settingsSessions },
          ProjectionExpression: 'pk, sk',
          ExclusiveStartKey: startKey,
        }),
      );
      const items = page.Items ?? [];
      for (let index = 0; index < items.length; index += 25) {
        let requests: Record<string, unknown>[] | undefined = items
          .slice(index, index + 25)
          .map((item) => ({ DeleteRequest: { Key: { pk: item.pk, sk: item.sk } } }));
        while (requests && requests.length > 0) {
          const result = await this.table.client.send(
            new BatchWriteCommand({ RequestItems: { [this.table.tableName]: requests } }),
          );
          requests = result.UnprocessedItems?.[this.table.tableName] as Record<string, unknown>[] | undefined;
        }
      }
      ended += items.length;
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return ended;
  }
}
