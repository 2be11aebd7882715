import type { SqsQueueClient } from '../aws/sqs-queue-client';
import * as z from 'zod';
import { MAX_RECEIVE_COUNT } from './sync-queues';

const redrivePolicySchema = z.object({ maxReceiveCount: z.coerce.number().int().positive() });

/**
 * The receive count after which SQS itself would dead-letter a message of this queue. A queue
 * worker dead-letters a message on its last receive (with the reason), so it must know the very
 * number the queue was created with; reading it from the queue keeps the two from drifting.
 * Falls back to the project default when the queue has no redrive policy.
 */
export async function maxReceiveCountOf(
  sqs: Pick<SqsQueueClient, 'getQueueAttributes'>,
  queueUrl: string,
): Promise<number> {
  const answer = await sqs.getQueueAttributes({ QueueUrl: queueUrl, AttributeNames: ['RedrivePolicy'] });
  const policy = answer.Attributes?.RedrivePolicy;
  if (!policy) return MAX_RECEIVE_COUNT;
  const parsed = redrivePolicySchema.safeParse(JSON.parse(policy));
  return parsed.success ? parsed.data.maxReceiveCount : MAX_RECEIVE_COUNT;
}
