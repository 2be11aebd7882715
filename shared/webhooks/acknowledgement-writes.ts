import { isConditionalCheckFailure, type DynamoDbItemClient } from '../aws/dynamodb-item-client';
import { auditEntryItem, auditRetentionDays, type AuditEntry } from '../sync/audit-entry';
import type { AuditLog } from '../sync/audit-log';
import {
  PARK_ONCE_CONDITION,
  parkedDeliveryItem,
  type NewParkedDelivery,
  type ParkedDelivery,
} from './parked-delivery';
import type { ParkedDeliveryStore } from './parked-deliveries';

/**
 * What a webhook route writes to the table, as `ParkedDeliveryStore.park` and `AuditLog.record`
 * write it (the same item builders), over the one-request DynamoDB client: the routes bundle
 * neither the SDK nor the document client (see shared/aws/aws-json-service.ts). The operator's
 * replay and the status pages read these items back through the stores as usual.
 */
export class ParkedDeliveryWriter implements Pick<ParkedDeliveryStore, 'park'> {
  constructor(
    private readonly items: DynamoDbItemClient,
    private readonly tableName: string,
  ) {}

  async park(delivery: NewParkedDelivery): Promise<ParkedDelivery> {
    const { parked, item } = parkedDeliveryItem(delivery);
    try {
      await this.items.putItem({ TableName: this.tableName, Item: item, ConditionExpression: PARK_ONCE_CONDITION });
    } catch (error) {
      // Already parked by an earlier attempt of the same delivery: keep the first receipt.
      if (!isConditionalCheckFailure(error)) throw error;
    }
    return parked;
  }
}

export class DeliveryHistoryWriter implements Pick<AuditLog, 'record'> {
  constructor(
    private readonly items: DynamoDbItemClient,
    private readonly tableName: string,
    private readonly retentionDays: number = auditRetentionDays(),
  ) {}

  async record(entry: Omit<AuditEntry, 'at'> & { at?: string }): Promise<AuditEntry> {
    const { complete, item } = auditEntryItem(entry, this.retentionDays);
    await this.items.putItem({ TableName: this.tableName, Item: item });
    return complete;
  }
}
