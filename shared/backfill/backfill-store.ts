import {
  DeleteCommand,
  GetCommand,
  isConditionalCheckFailure,
  paginateQuery,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '../aws/dynamodb-document-client';
import { randomUUID } from 'node:crypto';
import type { SyncTable } from '../store/sync-table';
import { backfillKeys } from './backfill-keys';
import {
  backfillKindItemSchema,
  backfillKinds,
  backfillRunItemSchema,
  type BackfillKind,
  type BackfillKindItem,
  type BackfillRunItem,
  type BackfillTrigger,
} from './backfill-records';

const keyAttributes = ['pk', 'sk'];
const reservedNames = { '#state': 'state', '#total': 'total', '#done': 'done' };

function withoutKeys(item: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(item).filter(([name]) => !keyAttributes.includes(name)));
}

export interface StartedBackfill {
  readonly run: BackfillRunItem;
  /** False when a run was still paging Partnero: that run is returned and nothing new starts. */
  readonly started: boolean;
}

/**
 * A program's backfill runs in the sync table. Every counter and checkpoint write is conditional
 * on the run id (a late message of an older run changes nothing) and every checkpoint on the page
 * it was read at, so two runners that somehow page the same program cannot both advance it.
 */
export class BackfillStore {
  constructor(private readonly table: SyncTable) {}

  /** Starts a run over the given kinds, unless one is still paging Partnero. */
  async start(
    programId: string,
    kinds: readonly BackfillKind[],
    trigger: BackfillTrigger,
    now: Date = new Date(),
  ): Promise<StartedBackfill> {
    const current = await this.readRun(programId);
    if (current && current.listedAt === null) return { run: current, started: false };
    const ordered = backfillKinds.filter((kind) => kinds.includes(kind));
    const run: BackfillRunItem = {
      programId,
      runId: randomUUID(),
      trigger,
      kinds: ordered,
      requestedAt: now.toISOString(),
      startedAt: null,
      listedAt: ordered.length === 0 ? now.toISOString() : null,
      leaseOwner: null,
      leaseUntil: null,
    };
    const pk = backfillKeys.programPartition(programId);
    const kindItems: BackfillKindItem[] = ordered.map((kind) => ({
      programId,
      runId: run.runId,
      kind,
      state: 'pending',
      nextPage: 1,
      listingComplete: false,
      total: 0,
      done: 0,
      rejected: 0,
      startedAt: null,
      finishedAt: null,
    }));
    await this.table.client.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: this.table.tableName,
              Item: { pk, sk: backfillKeys.run, ...run },
              // Two starts racing: only the first one wins; the second sees it at its next read.
              ConditionExpression: current ? 'runId = :previous' : 'attribute_not_exists(pk)',
              ExpressionAttributeValues: current ? { ':previous': current.runId } : undefined,
            },
          },
          ...kindItems.map((item) => ({
            Put: { TableName: this.table.tableName, Item: { pk, sk: backfillKeys.kind(item.kind), ...item } },
          })),
          ...(ordered.length > 0
            ? [
                {
                  Put: {
                    TableName: this.table.tableName,
                    Item: { pk: backfillKeys.activePartition, sk: programId, programId, runId: run.runId },
                  },
                },
              ]
            : []),
        ],
      }),
    );
    return { run, started: true };
  }

  async readRun(programId: string): Promise<BackfillRunItem | undefined> {
    const result = await this.table.client.send(
      new GetCommand({
        TableName: this.table.tableName,
        Key: { pk: backfillKeys.programPartition(programId), sk: backfillKeys.run },
        ConsistentRead: true,
      }),
    );
    return result.Item ? backfillRunItemSchema.parse(withoutKeys(result.Item)) : undefined;
  }

  /** The run's kind items, in backfill order. */
  async readKinds(programId: string, runId: string): Promise<BackfillKindItem[]> {
    const result = await this.table.client.send(
      new QueryCommand({
        TableName: this.table.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: {
          ':pk': backfillKeys.programPartition(programId),
          ':prefix': backfillKeys.kind(''),
        },
        ConsistentRead: true,
      }),
    );
    const items = (result.Items ?? [])
      .map((item) => backfillKindItemSchema.parse(withoutKeys(item)))
      .filter((item) => item.runId === runId);
    return backfillKinds.flatMap((kind) => items.filter((item) => item.kind === kind));
  }

  /** Programs whose run still pages Partnero. */
  async activePrograms(): Promise<string[]> {
    const ids: string[] = [];
    const pages = paginateQuery(
      { client: this.table.client },
      {
        TableName: this.table.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': backfillKeys.activePartition },
      },
    );
    for await (const page of pages) for (const item of page.Items ?? []) ids.push(String(item.sk));
    return ids;
  }

  /** Takes the program's paging for `leaseMs`; false when another runner holds it. */
  async acquireLease(programId: string, owner: string, leaseMs: number, now: Date = new Date()): Promise<boolean> {
    try {
      await this.table.client.send(
        new UpdateCommand({
          TableName: this.table.tableName,
          Key: { pk: backfillKeys.programPartition(programId), sk: backfillKeys.run },
          UpdateExpression: 'SET leaseOwner = :owner, leaseUntil = :until',
          ConditionExpression:
            'attribute_exists(pk) AND (attribute_not_exists(leaseUntil) OR leaseUntil = :null OR leaseUntil < :now OR leaseOwner = :owner)',
          ExpressionAttributeValues: {
            ':owner': owner,
            ':until': now.getTime() + leaseMs,
            ':now': now.getTime(),
            ':null': null,
          },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailure(error)) return false;
      throw error;
    }
  }

  async releaseLease(programId: string, owner: string): Promise<void> {
    try {
      await this.table.client.send(
        new UpdateCommand({
          TableName: this.table.tableName,
          Key: { pk: backfillKeys.programPartition(programId), sk: backfillKeys.run },
          UpdateExpression: 'SET leaseOwner = :null, leaseUntil = :null',
          ConditionExpression: 'leaseOwner = :owner',
          ExpressionAttributeValues: { ':owner': owner, ':null': null },
        }),
      );
    } catch (error) {
      if (!isConditionalCheckFailure(error)) throw error;
    }
  }

  /** The first page of the run is about to be listed; later calls keep the first time. */
  async markStarted(programId: string, runId: string, now: Date = new Date()): Promise<void> {
    await this.table.client
      .send(
        new UpdateCommand({
          TableName: this.table.tableName,
          Key: { pk: backfillKeys.programPartition(programId), sk: backfillKeys.run },
          UpdateExpression: 'SET startedAt = :now',
          ConditionExpression: 'runId = :run AND startedAt = :null',
          ExpressionAttributeValues: { ':run': runId, ':now': now.toISOString(), ':null': null },
        }),
      )
      .catch((error: unknown) => {
        if (!isConditionalCheckFailure(error)) throw error;
      });
  }

  /**
   * Records that page `page` of a kind was listed and its `count` records enqueued. Only from the
   * page it was read at: a checkpoint is never applied twice, so `total` counts each page once.
   */
  async checkpoint(
    item: BackfillKindItem,
    count: number,
    listingComplete: boolean,
    now: Date = new Date(),
  ): Promise<BackfillKindItem> {
    const next: BackfillKindItem = {
      ...item,
      nextPage: item.nextPage + 1,
      total: item.total + count,
      listingComplete,
      state: listingComplete ? 'syncing' : 'listing',
      startedAt: item.startedAt ?? now.toISOString(),
    };
    await this.update(
      item.programId,
      backfillKeys.kind(item.kind),
      'SET nextPage = :next, #total = #total + :count, listingComplete = :complete, #state = :state, startedAt = :started',
      'runId = :run AND nextPage = :page',
      {
        ':next': next.nextPage,
        ':count': count,
        ':complete': listingComplete,
        ':state': next.state,
        ':started': next.startedAt,
        ':run': item.runId,
        ':page': item.nextPage,
      },
    );
    if (listingComplete)
      return (await this.finishIfProcessed(item.programId, item.kind, item.runId, now))
        ? { ...next, state: 'done', finishedAt: now.toISOString() }
        : next;
    return next;
  }

  /** Paging is over for the whole run: the runner no longer visits the program. */
  async markListed(programId: string, runId: string, now: Date = new Date()): Promise<void> {
    await this.update(programId, backfillKeys.run, 'SET listedAt = :now', 'runId = :run', {
      ':run': runId,
      ':now': now.toISOString(),
    });
    await this.table.client
      .send(
        new DeleteCommand({
          TableName: this.table.tableName,
          Key: { pk: backfillKeys.activePartition, sk: programId },
          ConditionExpression: 'attribute_not_exists(pk) OR runId = :run',
          ExpressionAttributeValues: { ':run': runId },
        }),
      )
      .catch((error: unknown) => {
        if (!isConditionalCheckFailure(error)) throw error;
      });
  }

  /** Drops a work-list entry whose program is gone. */
  async forgetActive(programId: string): Promise<void> {
    await this.table.client.send(
      new DeleteCommand({ TableName: this.table.tableName, Key: { pk: backfillKeys.activePartition, sk: programId } }),
    );
  }

  /** Counts one record the worker processed for this run; a message of another run counts nowhere. */
  async noteProcessed(
    programId: string,
    kind: BackfillKind,
    runId: string,
    rejected: boolean,
    now: Date = new Date(),
  ): Promise<void> {
    try {
      await this.update(programId, backfillKeys.kind(kind), 'ADD #done :one, rejected :rejected', 'runId = :run', {
        ':one': 1,
        ':rejected': rejected ? 1 : 0,
        ':run': runId,
      });
    } catch (error) {
      if (isConditionalCheckFailure(error)) return;
      throw error;
    }
    await this.finishIfProcessed(programId, kind, runId, now);
  }

  private async finishIfProcessed(programId: string, kind: BackfillKind, runId: string, now: Date): Promise<boolean> {
    try {
      await this.update(
        programId,
        backfillKeys.kind(kind),
        'SET #state = :done, finishedAt = :now',
        'runId = :run AND listingComplete = :true AND #done >= #total AND #state <> :done',
        { ':done': 'done', ':now': now.toISOString(), ':run': runId, ':true': true },
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailure(error)) return false;
      throw error;
    }
  }

  private async update(
    programId: string,
    sk: string,
    updateExpression: string,
    condition: string,
    values: Record<string, unknown>,
  ): Promise<void> {
    // `state`, `total` and `done` are DynamoDB reserved words: always through placeholders.
    const used = Object.entries(reservedNames).filter(
      ([placeholder]) => updateExpression.includes(placeholder) || condition.includes(placeholder),
    );
    const names = used.length > 0 ? Object.fromEntries(used) : undefined;
    await this.table.client.send(
      new UpdateCommand({
        TableName: this.table.tableName,
        Key: { pk: backfillKeys.programPartition(programId), sk },
        UpdateExpression: updateExpression,
        ConditionExpression: condition,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      }),
    );
  }
}
