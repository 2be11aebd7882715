import { GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';

/** Messages a queue holds: waiting and in flight (received, not yet deleted). */
export async function messagesInQueue(sqs: SQSClient, queueUrl: string): Promise<number> {
  const answer = await sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: queueUrl,
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
    }),
  );
  const count = (name: string) => Number(answer.Attributes?.[name as keyof typeof answer.Attributes] ?? 0);
  return count('ApproximateNumberOfMessages') + count('ApproximateNumberOfMessagesNotVisible');
}
