import type { IncomingHttpHeaders } from 'node:http';
import { queueWorkers, serviceFunctions, type FunctionDefinition } from '../../functions/catalog';
import type { Exchange, ObservingProxy } from './observing-proxy';

/** Lambda's default memory in this service (lib/constructs/service-function.ts) when the catalog names none. */
const DEFAULT_MEMORY_MB = 512;

const dynamoDbReads = new Set(['GetItem', 'BatchGetItem', 'Query', 'Scan', 'TransactGetItems']);
const dynamoDbWrites = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'TransactWriteItems']);

export interface LambdaUsage {
  invocations: number;
  /** Each invocation's duration rounded up to the millisecond, as Lambda bills it. */
  billedMs: number;
  readonly memoryMb: number;
}

/**
 * What the service asked of AWS, counted from outside at the proxies in front of the local
 * emulators and the local API (nothing in production code counts):
 *
 * - SQS requests per action; empty receives apart (Lambda's pollers make them whether or not
 *   anything is synced, so they are a fixed cost, not a cost per change);
 * - DynamoDB read and write request units, as DynamoDB Local reports them when asked with
 *   ReturnConsumedCapacity (the proxy adds it to every data request);
 * - Lambda invocations and durations: an HTTP function from request to answer at the API, a
 *   queue worker's batch from the ReceiveMessage that handed it over to the DeleteMessageBatch
 *   that settled it.
 */
export class AwsUsageMeter {
  readonly sqsRequests = new Map<string, number>();
  emptyReceives = 0;
  readonly dynamoDb = new Map<string, { requests: number; readUnits: number; writeUnits: number }>();
  /** The same units by what was read or written (`GetItem SETTINGS`, `TransactWriteItems LINK`), to see where they go. */
  readonly dynamoDbByItem = new Map<string, { requests: number; readUnits: number; writeUnits: number }>();
  readonly lambda = new Map<string, LambdaUsage>();
  /** Worker batches received but never deleted (every message failed): their duration is unknown. */
  unsettledBatches = 0;
  private readonly openBatches = new Map<string, { functionName: string; receivedAt: number; handles: string[] }>();
  private readonly workerByQueueUrl: Map<string, string>;

  constructor(queueUrls: Record<string, string>) {
    this.workerByQueueUrl = new Map(queueWorkers.map((worker) => [queueUrls[worker.direction] ?? '', worker.name]));
  }

  attach(proxies: { sqs: ObservingProxy; dynamoDb: ObservingProxy; api: ObservingProxy }): void {
    proxies.sqs.onExchange((exchange) => this.onSqs(exchange));
    proxies.dynamoDb.onExchange((exchange) => this.onDynamoDb(exchange));
    proxies.api.onExchange((exchange) => this.onApi(exchange));
  }

  reset(): void {
    this.sqsRequests.clear();
    this.emptyReceives = 0;
    this.dynamoDb.clear();
    this.dynamoDbByItem.clear();
    this.lambda.clear();
    this.unsettledBatches = 0;
    this.openBatches.clear();
  }

  totals() {
    let sqs = 0;
    for (const count of this.sqsRequests.values()) sqs += count;
    let readUnits = 0;
    let writeUnits = 0;
    let dynamoDbRequests = 0;
    for (const usage of this.dynamoDb.values()) {
      readUnits += usage.readUnits;
      writeUnits += usage.writeUnits;
      dynamoDbRequests += usage.requests;
    }
    let gbSeconds = 0;
    let invocations = 0;
    for (const usage of this.lambda.values()) {
      gbSeconds += (usage.memoryMb / 1024) * (usage.billedMs / 1000);
      invocations += usage.invocations;
    }
    const apiRequests = [...this.lambda.entries()]
      .filter(([name]) => !this.isWorker(name))
      .reduce((sum, [, usage]) => sum + usage.invocations, 0);
    return {
      sqsRequests: sqs,
      emptyReceives: this.emptyReceives,
      dynamoDbRequests,
      readUnits,
      writeUnits,
      gbSeconds,
      invocations,
      apiRequests,
    };
  }

  private isWorker(functionName: string): boolean {
    return queueWorkers.some((worker) => worker.name === functionName);
  }

  private onSqs(exchange: Exchange): void {
    const action = targetAction(exchange.requestHeaders);
    const request = parseJson(exchange.requestBody);
    // The benchmark's own "is the queue drained yet?" look is not the service's.
    if (action === 'GetQueueAttributes' && JSON.stringify(request.AttributeNames ?? []).includes('ApproximateNumberOf'))
      return;
    if (action === 'ReceiveMessage') {
      const messages = (parseJson(exchange.responseBody).Messages ?? []) as { ReceiptHandle?: string }[];
      if (messages.length === 0) {
        this.emptyReceives += 1;
        return;
      }
      const functionName = this.workerByQueueUrl.get(String(request.QueueUrl));
      if (functionName) {
        const batch = {
          functionName,
          receivedAt: exchange.endedAt,
          handles: messages.map((message) => message.ReceiptHandle ?? ''),
        };
        for (const handle of batch.handles) this.openBatches.set(handle, batch);
      }
    }
    if (action === 'DeleteMessageBatch') {
      for (const entry of (request.Entries ?? []) as { ReceiptHandle?: string }[]) {
        const batch = this.openBatches.get(entry.ReceiptHandle ?? '');
        if (!batch) continue;
        for (const handle of batch.handles) this.openBatches.delete(handle);
        this.addInvocation(batch.functionName, exchange.startedAt - batch.receivedAt);
      }
    }
    this.sqsRequests.set(action, (this.sqsRequests.get(action) ?? 0) + sqsBilledRequests(exchange));
  }

  /** Batches still open when a run ends had every message fail; they are counted, not timed. */
  closeRun(): void {
    this.unsettledBatches += new Set(this.openBatches.values()).size;
    this.openBatches.clear();
  }

  private onDynamoDb(exchange: Exchange): void {
    const action = targetAction(exchange.requestHeaders);
    const usage = this.dynamoDb.get(action) ?? { requests: 0, readUnits: 0, writeUnits: 0 };
    usage.requests += 1;
    const consumed = parseJson(exchange.responseBody).ConsumedCapacity as
      ConsumedCapacity | ConsumedCapacity[] | undefined;
    let units = [consumed ?? []].flat().reduce((sum, capacity) => sum + (capacity.CapacityUnits ?? 0), 0);
    // A refused conditional write reports nothing but is billed as a write of the item.
    if (units === 0 && dynamoDbWrites.has(action)) units = 1;
    if (dynamoDbReads.has(action)) usage.readUnits += units;
    if (dynamoDbWrites.has(action)) usage.writeUnits += units;
    this.dynamoDb.set(action, usage);
    const item = `${action} ${itemKindOf(parseJson(exchange.requestBody))}`;
    const byItem = this.dynamoDbByItem.get(item) ?? { requests: 0, readUnits: 0, writeUnits: 0 };
    byItem.requests += 1;
    if (dynamoDbReads.has(action)) byItem.readUnits += units;
    if (dynamoDbWrites.has(action)) byItem.writeUnits += units;
    this.dynamoDbByItem.set(item, byItem);
  }

  private onApi(exchange: Exchange): void {
    const definition = functionForPath(exchange.method, exchange.path.split('?')[0] ?? '/');
    if (definition) this.addInvocation(definition.name, exchange.endedAt - exchange.startedAt);
  }

  private addInvocation(functionName: string, durationMs: number): void {
    const definition = serviceFunctions.find((candidate) => candidate.name === functionName);
    const usage = this.lambda.get(functionName) ?? {
      invocations: 0,
      billedMs: 0,
      memoryMb: definition?.needs.memorySize ?? DEFAULT_MEMORY_MB,
    };
    usage.invocations += 1;
    usage.billedMs += Math.ceil(Math.max(1, durationMs));
    this.lambda.set(functionName, usage);
  }
}

interface ConsumedCapacity {
  readonly CapacityUnits?: number;
}

/**
 * What a request reads or writes, by the kind of its first item's sort key (`LINK#partnero`,
 * `SETTINGS`, `CLAIM#deal`) or, outside the sync table's key shape, by its table's name.
 */
function itemKindOf(request: Record<string, unknown>): string {
  const first = (value: unknown): Record<string, unknown> | undefined =>
    value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  const transactItem = first([request.TransactItems ?? []].flat()[0]);
  const operation = transactItem
    ? first(transactItem.Put ?? transactItem.Update ?? transactItem.Delete ?? transactItem.ConditionCheck)
    : request;
  const batchTable = first(request.RequestItems) ? Object.keys(first(request.RequestItems) ?? {})[0] : undefined;
  const key = first(operation?.Key) ?? first(operation?.Item) ?? first(first(operation?.ExpressionAttributeValues));
  const sortKey = first(key?.sk)?.S;
  const partitionKey = first(key?.pk)?.S;
  // The history lives in per-direction partitions (`...#AUDIT#<direction>`) as well as the program's.
  if (typeof partitionKey === 'string' && partitionKey.includes('#AUDIT')) return 'AUDIT';
  if (typeof sortKey === 'string') return String(sortKey).split('#').slice(0, 2).join('#');
  if (typeof partitionKey === 'string') return String(partitionKey).split('#')[0] ?? '';
  const query = first(request.ExpressionAttributeValues);
  const prefix = first(query?.[':prefix'])?.S;
  if (typeof prefix === 'string') return String(prefix).split('#').slice(0, 2).join('#');
  return String(operation?.TableName ?? batchTable ?? 'unknown');
}

/** Asks DynamoDB Local for the capacity each data request consumed; the service's clients never ask. */
export function withConsumedCapacity(headers: IncomingHttpHeaders, body: Buffer): Buffer {
  const action = targetAction(headers);
  if (!dynamoDbReads.has(action) && !dynamoDbWrites.has(action)) return body;
  const request = parseJson(body);
  if (request.ReturnConsumedCapacity) return body;
  return Buffer.from(JSON.stringify({ ...request, ReturnConsumedCapacity: 'TOTAL' }));
}

/** SQS bills every 64 KB chunk of a request's payload as one request. */
function sqsBilledRequests(exchange: Exchange): number {
  return Math.max(1, Math.ceil(exchange.requestBody.length / 65_536));
}

function targetAction(headers: IncomingHttpHeaders): string {
  const target = String(headers['x-amz-target'] ?? 'unknown');
  return target.slice(target.indexOf('.') + 1);
}

function parseJson(body: Buffer): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8') || '{}');
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function functionForPath(method: string, path: string): FunctionDefinition | undefined {
  return serviceFunctions.find(
    (definition) =>
      definition.kind === 'http' &&
      definition.routes.some(
        (route) =>
          route.method === method &&
          new RegExp(`^${route.path.replace(/\{[^}]+\+\}/g, '.+').replace(/\{[^}]+\}/g, '[^/]+')}$`).test(path),
      ),
  );
}
