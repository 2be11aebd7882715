import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { lambdaContext } from '../../local/event-source-mapping';
import type { BenchWorld } from './bench-world';
import { jsonOf, sqsAction } from './exchange-log';

/**
 * fauxqs, the local SQS, hands out at most one message per FIFO group per receive, while SQS
 * FIFO returns several messages of one group in a batch: a burst of events for one record is
 * never in one batch locally. To see what the worker does with the batch SQS would hand it,
 * this captures what the Attio route enqueued and gives it to the real worker handler as one
 * batch, under fresh delivery keys (so SQS does not deduplicate it as already sent).
 */
export class AttioBatchCapture {
  private captured: { body: string; groupId: string }[] = [];
  private capturing = false;

  constructor(private readonly world: BenchWorld) {
    const queueUrl = world.stack.resources.queues['attio-to-partnero'].url;
    world.proxies.sqs.onExchange((exchange) => {
      if (!this.capturing || sqsAction(exchange) !== 'SendMessageBatch') return;
      const request = jsonOf(exchange.requestBody);
      if (request.QueueUrl !== queueUrl) return;
      for (const entry of (request.Entries ?? []) as { MessageBody: string; MessageGroupId: string }[])
        this.captured.push({ body: entry.MessageBody, groupId: entry.MessageGroupId });
    });
  }

  start(): void {
    this.captured = [];
    this.capturing = true;
  }

  stop(): number {
    this.capturing = false;
    return this.captured.length;
  }

  /** Invokes the attio-to-partnero worker once with every captured message in one SQS event. */
  async replayAsOneBatch(): Promise<void> {
    const queue = this.world.stack.resources.queues['attio-to-partnero'];
    const records: SQSRecord[] = this.captured.map(({ body, groupId }, index) => {
      const message = JSON.parse(body) as { deliveryKey: string };
      return {
        messageId: randomUUID(),
        receiptHandle: randomUUID(),
        body: JSON.stringify({ ...message, deliveryKey: `${message.deliveryKey}:one-batch-replay` }),
        attributes: {
          ApproximateReceiveCount: '1',
          SentTimestamp: String(Date.now()),
          SenderId: 'bench',
          ApproximateFirstReceiveTimestamp: String(Date.now()),
          MessageGroupId: groupId,
          SequenceNumber: String(index + 1),
        },
        messageAttributes: {},
        md5OfBody: '',
        eventSource: 'aws:sqs',
        eventSourceARN: queue.arn,
        awsRegion: 'us-east-1',
      };
    });
    // The same module instance the local stack loaded, with the environment it was given.
    const { handler } = await import('../../functions/attio-to-partnero-worker/handler');
    const event: SQSEvent = { Records: records };
    const response = await handler(event, lambdaContext('attio-to-partnero-worker', 60_000));
    if (response.batchItemFailures.length > 0)
      throw new Error(`one-batch replay: ${response.batchItemFailures.length} messages failed`);
  }
}
