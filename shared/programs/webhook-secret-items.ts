import * as z from 'zod';
import type { DynamoDbItemClient } from '../aws/dynamodb-item-client';
import { keys } from '../store/keys';
import type { WebhookSecretItemsReader } from './webhook-secrets';

/** The one attribute of each item a route needs; the rest of the item is `ProgramRepository`'s to validate. */
const registrationSecretSchema = z.object({ partneroWebhookSecretCiphertext: z.string().nullable() });
const connectionSecretSchema = z.object({ webhookSecretCiphertext: z.string().nullable() });

/**
 * The two items a webhook route reads for its secret (Partnero's: the registration, Attio's: the
 * connection), one consistent GetItem each as `ProgramRepository` reads them, over the
 * one-request DynamoDB client, so the route bundles no AWS SDK. Only the secret's attribute is
 * fetched (a projection) and validated.
 */
export class WebhookSecretItems implements WebhookSecretItemsReader {
  constructor(
    private readonly items: DynamoDbItemClient,
    private readonly tableName: string,
  ) {}

  async getRegistration(programId: string): Promise<z.infer<typeof registrationSecretSchema> | undefined> {
    const item = await this.get(programId, keys.program, 'partneroWebhookSecretCiphertext');
    return item ? registrationSecretSchema.parse(item) : undefined;
  }

  async getAttioConnection(programId: string): Promise<z.infer<typeof connectionSecretSchema> | undefined> {
    const item = await this.get(programId, keys.attioConnection, 'webhookSecretCiphertext');
    return item ? connectionSecretSchema.parse(item) : undefined;
  }

  private get(programId: string, sk: string, attribute: string): Promise<Record<string, unknown> | undefined> {
    return this.items.getItem({
      TableName: this.tableName,
      Key: { pk: keys.programPartition(programId), sk },
      ConsistentRead: true,
      projection: [attribute],
    });
  }
}
