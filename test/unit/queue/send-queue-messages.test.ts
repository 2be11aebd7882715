import type { SendMessageBatchRequest, SendMessageBatchResult } from '@aws-sdk/client-sqs';
import { createHash } from 'node:crypto';
import type { SqsBatchSender } from '../../../shared/aws/sqs-batch-sender';
import {
  sendQueueMessages,
  sqsDeduplicationId,
  sqsGroupId,
  type QueueMessage,
} from '../../../shared/queue/send-queue-messages';

const queueUrl = 'https://sqs.eu-west-1.amazonaws.com/123456789012/sync-partnero-to-attio.fifo';

function aMessage(index: number, deduplicationId = `partnero:delivery-${index}`): QueueMessage {
  return {
    groupId: `prog-${index % 3}#lane-0`,
    deduplicationId,
    message: {
      programId: `prog-${index % 3}`,
      source: 'partnero',
      deliveryKey: `delivery-${index}`,
      receivedAt: '2026-01-01T00:00:00.000Z',
      event: { event: 'partner.created', index },
    },
  };
}

/** SQS as SendMessageBatch answers it: every entry accepted, except those whose group it is told to refuse. */
function recordingSqs(refusedGroups: ReadonlySet<string> = new Set()) {
  const requests: SendMessageBatchRequest[] = [];
  const sender: SqsBatchSender = {
    sendMessageBatch: async (input: SendMessageBatchRequest): Promise<SendMessageBatchResult> => {
      requests.push(input);
      const entries = input.Entries ?? [];
      return {
        Successful: entries
          .filter((entry) => !refusedGroups.has(entry.MessageGroupId ?? ''))
          .map((entry) => ({ Id: entry.Id, MessageId: `m-${entry.Id}`, MD5OfMessageBody: '' })),
        Failed: entries
          .filter((entry) => refusedGroups.has(entry.MessageGroupId ?? ''))
          .map((entry) => ({ Id: entry.Id, Code: 'InternalError', SenderFault: false })),
      };
    },
  };
  return { sender, requests };
}

describe('sendQueueMessages', () => {
  it('sends ten messages per request, in order, each with its group and its message as the body', async () => {
    // Prepare
    const sqs = recordingSqs();
    const messages = Array.from({ length: 23 }, (_, index) => aMessage(index));
    // Act
    await sendQueueMessages(sqs.sender, queueUrl, messages);
    // Assess
    expect(sqs.requests.map((request) => request.Entries?.length)).toEqual([10, 10, 3]);
    expect(sqs.requests.every((request) => request.QueueUrl === queueUrl)).toBe(true);
    const sent = sqs.requests.flatMap((request) => request.Entries ?? []);
    expect(sent.map((entry) => JSON.parse(entry.MessageBody ?? '') as unknown)).toEqual(
      messages.map((entry) => entry.message),
    );
    expect(sent.map((entry) => entry.MessageGroupId)).toEqual(messages.map((entry) => entry.groupId));
    // Entry ids only have to be unique within their request.
    expect(sqs.requests.map((request) => new Set(request.Entries?.map((entry) => entry.Id)).size)).toEqual([10, 10, 3]);
  });

  it('sends nothing for no messages', async () => {
    // Prepare
    const sqs = recordingSqs();
    // Act
    await sendQueueMessages(sqs.sender, queueUrl, []);
    // Assess
    expect(sqs.requests).toEqual([]);
  });

  it('keeps a deduplication id SQS accepts and hashes one that is too long or outside its alphabet', async () => {
    // Prepare
    const sqs = recordingSqs();
    const accepted = 'attio:idem-1#0';
    const tooLong = `partnero:${'a'.repeat(200)}`;
    const outsideAlphabet = 'attio:clé é';
    // Act
    await sendQueueMessages(sqs.sender, queueUrl, [
      aMessage(0, accepted),
      aMessage(1, tooLong),
      aMessage(2, outsideAlphabet),
    ]);
    // Assess
    const ids = sqs.requests[0]?.Entries?.map((entry) => entry.MessageDeduplicationId);
    const sha256 = (key: string) => createHash('sha256').update(key).digest('hex');
    expect(ids).toEqual([accepted, sha256(tooLong), sha256(outsideAlphabet)]);
  });

  it('normalises an id only once: an id it produced is kept as it is', () => {
    const hashed = sqsDeduplicationId('x'.repeat(129));
    expect(hashed).toHaveLength(64);
    expect(sqsDeduplicationId(hashed)).toBe(hashed);
    expect(sqsDeduplicationId('x'.repeat(128))).toBe('x'.repeat(128));
  });

  it('joins group parts with # and keeps the group readable while it fits', () => {
    expect(sqsGroupId('prog', 'partner', 'p-1')).toBe('prog#partner#p-1');
    expect(sqsGroupId('prog', 'é')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('throws when SQS refuses part of a request, naming the codes, and sends none of the later messages', async () => {
    // Prepare: the second request holds the refused group.
    const messages = Array.from({ length: 25 }, (_, index) => aMessage(index, `d-${index}`)).map((entry, index) =>
      index === 14 ? { ...entry, groupId: 'refused#lane-1' } : entry,
    );
    const sqs = recordingSqs(new Set(['refused#lane-1']));
    // Act
    const sending = sendQueueMessages(sqs.sender, queueUrl, messages);
    // Assess
    await expect(sending).rejects.toThrow('SQS refused 1 of 10 messages: InternalError');
    expect(sqs.requests).toHaveLength(2);
  });

  it('sends the same deduplication ids when the caller tries again after a refusal, so SQS drops what it already took', async () => {
    // Prepare
    const messages = Array.from({ length: 12 }, (_, index) =>
      aMessage(index, `partnero:${'k'.repeat(130)}-${index}`),
    ).map((entry, index) => (index === 11 ? { ...entry, groupId: 'refused#lane-1' } : entry));
    const refusing = recordingSqs(new Set(['refused#lane-1']));
    const accepting = recordingSqs();
    // Act
    await expect(sendQueueMessages(refusing.sender, queueUrl, messages)).rejects.toThrow('SQS refused');
    await sendQueueMessages(accepting.sender, queueUrl, messages);
    // Assess
    const idsOf = (requests: SendMessageBatchRequest[]) =>
      requests.flatMap((request) => request.Entries ?? []).map((entry) => entry.MessageDeduplicationId);
    expect(idsOf(refusing.requests)).toHaveLength(12);
    expect(idsOf(accepting.requests)).toEqual(idsOf(refusing.requests));
  });
});
