import { GetCommand, PutCommand } from '../aws/dynamodb-document-client';
import { anyPerformanceFigure } from '../partnero-to-attio/partner-performance';
import type { ProgramRepository } from '../programs/program-repository';
import { linksOf, registeredProgramIds } from '../reconciliation/program-directory';
import { keys } from '../store/keys';
import type { SyncTable } from '../store/sync-table';
import type { SyncMessage } from '../queue/sync-message';
import { sqsDeduplicationId, sqsGroupId, type QueueMessage } from '../queue/send-queue-messages';

/**
 * The scheduled refresh of partner figures (clicks, signups, sales, revenue…), which change in
 * Partnero without a partner webhook (a click, a sale):
 *
 *   every program that synced partners, has a figure on, and was last refreshed
 *   `partners.performance.refreshHours` ago or more
 *     └─▶ one thin `partner.updated` per linked partner on the Partnero -> Attio queue
 *         (ten per SendMessageBatch, in each partner's own FIFO group)
 *           └─▶ the worker re-reads the partner (one Partnero GET, which carries the figures)
 *               and writes only a record whose planned values hash differently from the
 *               last write: unchanged figures cost no Attio write, so the Attio write budget
 *               is spent only on partners whose figures moved.
 *
 * The job itself makes no provider call. Its last run per program is one small item, written
 * after the messages are sent, so a run cut short is simply repeated (the deduplication id is
 * per program and run hour, so a repeat within SQS's five minutes is dropped).
 */
export interface FigureRefreshDependencies {
  readonly table: SyncTable;
  readonly programs: Pick<ProgramRepository, 'getSettings'>;
  readonly send: (messages: readonly QueueMessage[]) => Promise<void>;
}

export interface FigureRefreshSummary {
  readonly programId: string;
  readonly queued: number;
}

export async function refreshPartnerFigures(
  deps: FigureRefreshDependencies,
  now: Date = new Date(),
  deadline = Number.POSITIVE_INFINITY,
): Promise<FigureRefreshSummary[]> {
  const refreshed: FigureRefreshSummary[] = [];
  for (const programId of await registeredProgramIds(deps.table)) {
    if (Date.now() > deadline) break;
    const stored = await deps.programs.getSettings(programId);
    const partners = stored.settings.partners;
    if (stored.syncStartedAt === null || !partners.enabled || !anyPerformanceFigure(partners.performance)) continue;
    const last = await lastRefresh(deps.table, programId);
    if (last !== undefined && now.getTime() - last.getTime() < partners.performance.refreshHours * 3_600_000) continue;
    const links = await linksOf(deps.table, programId, 'partner');
    const run = now.toISOString().slice(0, 13);
    await deps.send(links.map((link) => figureRefreshMessage(programId, link.partneroId, run, now)));
    await deps.table.client.send(
      new PutCommand({
        TableName: deps.table.tableName,
        Item: {
          pk: keys.programPartition(programId),
          sk: keys.performanceRefresh,
          programId,
          lastRunAt: now.toISOString(),
          queued: links.length,
        },
      }),
    );
    refreshed.push({ programId, queued: links.length });
  }
  return refreshed;
}

async function lastRefresh(table: SyncTable, programId: string): Promise<Date | undefined> {
  const item = (
    await table.client.send(
      new GetCommand({
        TableName: table.tableName,
        Key: { pk: keys.programPartition(programId), sk: keys.performanceRefresh },
      }),
    )
  ).Item;
  return typeof item?.lastRunAt === 'string' ? new Date(item.lastRunAt) : undefined;
}

/** A thin `partner.updated`, as some Partnero deliveries are: no version, so never stale; the worker reads the partner. */
export function figureRefreshMessage(programId: string, partnerId: string, run: string, now: Date): QueueMessage {
  const deliveryKey = `figures:${programId}:${run}:partner:${partnerId}`;
  const event = {
    event: 'partner.updated',
    url: null,
    webhook_key: null,
    created_at: now.toISOString(),
    data: { id: partnerId },
  };
  const message: SyncMessage = { programId, source: 'partnero', deliveryKey, receivedAt: now.toISOString(), event };
  return {
    groupId: sqsGroupId(programId, 'partner', partnerId),
    deduplicationId: sqsDeduplicationId(deliveryKey),
    message,
  };
}
