import { randomUUID } from 'node:crypto';
import type { AttioClient } from '../attio/attio-client';
import { textOf } from '../attio-to-partnero/attio-record';
import { DEAL_OBJECT, dealStanding, readDeal } from '../attio-to-partnero/deal-facts';
import type { PartneroPageReader } from '../backfill/partnero-pages';
import { partneroIdOf, partneroRecordMessage, saleDeletedMessage, upsertEventOf, type ListedRecord } from '../backfill/record-messages';
import { attioRecordsOf } from '../partnero-to-attio/attio-records';
import type { AttioSchemaCache } from '../partnero-to-attio/attio-schema-cache';
import { dealAttributeSlugs, syncAttributeSlugs } from '../partnero-to-attio/sync-attribute-slugs';
import { targetObjectOf } from '../partnero-to-attio/synced-attributes';
import type { ProgramContext, ProgramContextLoader } from '../programs/program-context';
import type { SyncTable } from '../store/sync-table';
import type { AuditLog } from '../sync/audit-log';
import { linkedKinds, type LinkedKind, type LinkRepository } from '../sync/link-repository';
import type { QueueMessage } from '../webhooks/webhook-ingress';
import { dealDrift, refundDrift } from './deal-drift';
import { dealEventMessage } from './deal-messages';
import { partneroDrift } from './partnero-drift';
import { claimsOf } from './program-directory';
import type { ReconciliationRepair, ReconciliationReports, ReconciliationSummary } from './reconciliation-report';

export interface ReconciliationDependencies {
  readonly table: SyncTable;
  readonly programs: Pick<ProgramContextLoader, 'load'>;
  readonly links: Pick<LinkRepository, 'findByPartneroId' | 'findByAttioRecordId'>;
  readonly pagesFor: (partneroApiKey: string) => PartneroPageReader;
  readonly attioFor: (accessToken: string) => AttioClient;
  readonly schemas: AttioSchemaCache;
  /** Put messages on the Partnero -> Attio and the Attio -> Partnero queues. */
  readonly sendToPartneroQueue: (messages: QueueMessage[]) => Promise<void>;
  readonly sendToAttioQueue: (messages: QueueMessage[]) => Promise<void>;
  readonly audit: Pick<AuditLog, 'record'>;
  readonly reports: Pick<ReconciliationReports, 'save'>;
  readonly pageSize?: number;
  readonly now?: () => Date;
}

interface Run {
  readonly runId: string;
  readonly programId: string;
  readonly repairs: ReconciliationRepair[];
  readonly checked: ReconciliationSummary['checked'];
  complete: boolean;
  /** Keys of the sales Partnero lists; undefined unless every page of them was read. */
  liveSaleKeys: Set<string> | undefined;
}

/**
 * Compares one program's two sides through its links and claims, and repairs drift by
 * enqueueing the very event a missed webhook would have brought:
 *
 *   Partnero partners, customers, sales ──page by page──▶ link? same hash? ──no──▶ partner.updated | customer.updated | transaction.created
 *   Attio deals + commission claims ──────────────────────▶ won and paid? unwon and reversed? ──no──▶ record.updated | record.deleted
 *   Attio deals made from Partnero sales ─────────────────▶ sale still live, or deal marked refunded? ──no──▶ transaction.deleted
 *
 * It only enqueues. The worker applies each repair like a live event, in the record's own FIFO
 * group, under its idempotency and the link hashes and claims: a repair that races a live event
 * of the same record finds the work done and changes nothing, so the job is safe to run while
 * webhooks flow. Undefined when the program has not connected Attio.
 */
export async function reconcileProgram(deps: ReconciliationDependencies, programId: string, deadline: number): Promise<ReconciliationSummary | undefined> {
  const now = deps.now ?? (() => new Date());
  const context = await deps.programs.load(programId);
  if (!context?.attioConnection) return undefined;
  const startedAt = now().toISOString();
  const run: Run = { runId: randomUUID(), programId, repairs: [], checked: { partner: 0, customer: 0, transaction: 0, deal: 0 }, complete: true, liveSaleKeys: undefined };
  const attio = deps.attioFor(await context.attioAccessToken());

  await reconcilePartneroSide(deps, context, attio, run, deadline);
  if (run.complete) await reconcileDeals(deps, context, attio, run, deadline);

  const summary: ReconciliationSummary = { programId, runId: run.runId, startedAt, finishedAt: now().toISOString(), complete: run.complete, checked: run.checked, repairCount: run.repairs.length, repairs: run.repairs };
  await deps.audit.record({
    programId,
    direction: 'reconciliation',
    sourceEvent: 'reconciliation.completed',
    sourceRecord: `reconciliation:${run.runId}`,
    targetRecord: null,
    outcome: run.repairs.length > 0 ? 'applied' : 'noop',
    reason: describe(summary),
  });
  await deps.reports.save(summary);
  return summary;
}

async function reconcilePartneroSide(deps: ReconciliationDependencies, context: ProgramContext, attio: AttioClient, run: Run, deadline: number): Promise<void> {
  const settings = context.settings.settings;
  const enabled: Record<LinkedKind, boolean> = { partner: settings.partners.enabled, customer: settings.customers.enabled, transaction: settings.deals.enabled };
  const workspaceId = (context.attioConnection as NonNullable<ProgramContext['attioConnection']>).workspaceId;
  const schemaReader = attioRecordsOf(attio);
  const reader = deps.pagesFor(await context.partneroApiKey());
  for (const kind of linkedKinds.filter((candidate) => enabled[candidate])) {
    const schema = kind === 'transaction' ? new Map() : await deps.schemas.objectSchema(workspaceId, targetObjectOf(kind, settings), schemaReader);
    const saleKeys = new Set<string>();
    for (let pageNumber = 1; ; pageNumber += 1) {
      if (Date.now() >= deadline) {
        run.complete = false;
        return;
      }
      const page = await reader.page(kind, pageNumber, deps.pageSize ?? 100);
      const messages: QueueMessage[] = [];
      for (const listed of page.records) {
        run.checked[kind] += 1;
        if (listed.kind === 'transaction') saleKeys.add(listed.record.key);
        const drift = partneroDrift(listed, await deps.links.findByPartneroId(run.programId, kind, partneroIdOf(listed)), settings, schema);
        if (drift) messages.push(repair(run, listed, drift));
      }
      await deps.sendToPartneroQueue(messages);
      await auditRepairs(deps, run, run.repairs.slice(run.repairs.length - messages.length));
      if (!page.hasMore || page.records.length === 0) break;
    }
    if (kind === 'transaction') run.liveSaleKeys = saleKeys;
  }
}

function repair(run: Run, listed: ListedRecord, drift: string): QueueMessage {
  const event = upsertEventOf(listed.kind);
  run.repairs.push({ record: `${listed.kind}:${partneroIdOf(listed)}`, event, reason: drift });
  return partneroRecordMessage(run.programId, listed, { source: 'reconciliation', runId: run.runId });
}

async function reconcileDeals(deps: ReconciliationDependencies, context: ProgramContext, attio: AttioClient, run: Run, deadline: number): Promise<void> {
  const settings = context.settings.settings.deals;
  if (!settings.enabled) return;
  const connection = context.attioConnection as NonNullable<ProgramContext['attioConnection']>;
  const [dealsObject, stage, claims] = await Promise.all([attio.objects.get(DEAL_OBJECT), attio.attributes.get(DEAL_OBJECT, dealAttributeSlugs.stage), claimsOf(deps.table, run.programId)]);
  if (!stage) return;
  const target = { workspaceId: connection.workspaceId, dealsObjectId: dealsObject.id.object_id, stageAttributeId: stage.id.attribute_id };
  const claimByDeal = new Map(claims.map((claim) => [claim.dealRecordId, claim]));
  const seen = new Set<string>();
  const messages: QueueMessage[] = [];
  const refunds: QueueMessage[] = [];
  const note = (dealRecordId: string, deleted: boolean, reason: string) => {
    run.repairs.push({ record: `attio:${DEAL_OBJECT}:${dealRecordId}`, event: deleted ? 'record.deleted' : 'record.updated', reason });
    messages.push(dealEventMessage(run.programId, dealRecordId, deleted, target, run.runId));
  };

  for await (const record of attio.records.queryAll(DEAL_OBJECT, { limit: 500 })) {
    if (Date.now() >= deadline) {
      run.complete = false;
      break;
    }
    const deal = readDeal(record);
    seen.add(deal.recordId);
    run.checked.deal += 1;
    const claim = claimByDeal.get(deal.recordId);
    // The link only matters for a won deal without a claim: it may mirror a Partnero sale.
    const link = !claim && dealStanding(deal, settings) === 'won' ? await deps.links.findByAttioRecordId(run.programId, deal.recordId) : undefined;
    const drift = dealDrift(deal, claim, link, deal.recordId, settings);
    if (drift) note(deal.recordId, false, drift);
    const refund = run.liveSaleKeys ? refundDrift(deal, textOf(record, syncAttributeSlugs.transactionStatus), run.liveSaleKeys) : undefined;
    if (refund && deal.partneroTransactionKey) {
      run.repairs.push({ record: `transaction:${deal.partneroTransactionKey}`, event: 'transaction.deleted', reason: refund });
      refunds.push(saleDeletedMessage(run.programId, deal.partneroTransactionKey, { source: 'reconciliation', runId: run.runId }));
    }
  }
  if (run.complete) {
    // Claims of deals Attio no longer lists: deleted while their webhook was lost.
    for (const claim of claims.filter((candidate) => !seen.has(candidate.dealRecordId))) {
      run.checked.deal += 1;
      const drift = dealDrift(undefined, claim, undefined, claim.dealRecordId, settings);
      if (drift) note(claim.dealRecordId, true, drift);
    }
  }
  await deps.sendToAttioQueue(messages);
  await deps.sendToPartneroQueue(refunds);
  await auditRepairs(deps, run, run.repairs.slice(run.repairs.length - messages.length - refunds.length));
}

async function auditRepairs(deps: ReconciliationDependencies, run: Run, repairs: readonly ReconciliationRepair[]): Promise<void> {
  for (const entry of repairs) {
    await deps.audit.record({
      programId: run.programId,
      direction: 'reconciliation',
      sourceEvent: entry.event,
      sourceRecord: entry.record,
      targetRecord: null,
      outcome: 'applied',
      reason: `${entry.reason}: ${entry.event} enqueued for the worker (reconciliation ${run.runId})`,
    });
  }
}

function describe(summary: ReconciliationSummary): string {
  const checked = Object.entries(summary.checked)
    .filter(([, count]) => count > 0)
    .map(([kind, count]) => `${count} ${kind}${count === 1 ? '' : 's'}`)
    .join(', ');
  const repaired = summary.repairCount === 0 ? 'nothing drifted' : `${summary.repairCount} repaired: ${summary.repairs.slice(0, 5).map((entry) => entry.record).join(', ')}${summary.repairCount > 5 ? ', …' : ''}`;
  return `${summary.complete ? '' : 'incomplete (out of time); '}compared ${checked || 'nothing'}; ${repaired}`;
}
