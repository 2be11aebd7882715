import { randomUUID } from 'node:crypto';
import type { AttioClient } from '../attio/attio-client';
import { textOf, type AttioRecord } from '../attio-to-partnero/attio-record';
import { DEAL_OBJECT } from '../attio/object-slugs';
import { dealStanding, readDeal } from '../attio-to-partnero/deal-facts';
import type { ListedPage, PartneroPageReader } from '../backfill/partnero-pages';
import { ClaimRepository } from '../commissions/claim-repository';
import {
  partneroIdOf,
  partneroRecordMessage,
  saleCommissionMessage,
  saleDeletedMessage,
  upsertEventOf,
  type ListedRecord,
} from '../backfill/record-messages';
import type { AttioObjectSchema } from '../attio/attio-schema';
import { attioRecordsOf } from '../attio/attio-records';
import { customerStatusLabel } from '../partnero-to-attio/customer-record';
import type { AttioSchemaCache } from '../attio/attio-schema-cache';
import { dealAttributeSlugs, syncAttributeSlugs } from '../attio/sync-attribute-slugs';
import { targetObjectOf } from '../attio/synced-attributes';
import { commissionStatus } from '../partnero-to-attio/deal-commission-values';
import type { ProgramContext, ProgramContextLoader } from '../programs/program-context';
import type { SyncTable } from '../store/sync-table';
import type { AuditLog } from '../sync/audit-log';
import { linkedKinds, type LinkedKind, type LinkRepository } from '../sync/link-repository';
import type { QueueMessage } from '../queue/send-queue-messages';
import { reconcileDeletions } from './deleted-records';
import { commissionStatusDrift, dealDrift, refundDrift } from './deal-drift';
import { dealEventMessage } from './deal-messages';
import { partneroDrift } from './partnero-drift';
import { claimsOf } from './program-directory';
import { defaultRetryPolicy, readWithRetries, type RetryPolicy } from './read-with-retries';
import {
  changesSince,
  defaultReconciliationCadence,
  pageEndsChanges,
  nextCursor,
  planRun,
  type ReconciliationCadence,
  type RunPlan,
} from './reconciliation-cadence';
import type { ReconciliationReports, ReconciliationSummary } from './reconciliation-report';
import { auditRepairs, skip, type ReconciliationRun } from './reconciliation-run';
import { syncNotStartedReason } from '../programs/sync-readiness';

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
  readonly reports: Pick<ReconciliationReports, 'save' | 'cursorOf'>;
  /** When a run reads only the changes and when everything (a week's full sweep, 15 minutes' overlap unless a test says otherwise). */
  readonly cadence?: ReconciliationCadence;
  readonly pageSize?: number;
  /** Deals per Attio records query page; 500 (Attio's default limit) unless a test says otherwise. */
  readonly dealPageSize?: number;
  readonly now?: () => Date;
  /** How a failed provider read is tried again before what it covers is skipped for this run. */
  readonly retry?: RetryPolicy;
}

type Run = ReconciliationRun & { readonly plan: RunPlan };

/**
 * Compares one program's two sides through its links and claims, and repairs drift by
 * enqueueing the very event a missed webhook would have brought:
 *
 *   Partnero partners, customers, sales ──page by page──▶ link? same hash? ──no──▶ partner.updated | customer.updated | transaction.created
 *   Attio deals + commission claims ──────────────────────▶ won and paid? unwon and reversed? ──no──▶ record.updated | record.deleted
 *   Attio deals made from Partnero sales ─────────────────▶ sale still live, or deal marked refunded? ──no──▶ transaction.deleted
 *   Attio deals with a commission status ─────────────────▶ same status as the listed sale now?   ──no──▶ transaction.created (status refresh)
 *   links of partners and customers Partnero no longer lists ─▶ Attio record marked deleted? ──no──▶ partner.deleted | customer.deleted
 *
 * A run is a full sweep or reads only what changed since the program's last complete run
 * (reconciliation-cadence.ts says which and why): newest Partnero records first until a page
 * holds none created since, and the deals whose stage moved since. Deletions, refunds and
 * deleted deals are judged on full lists, so only by a full sweep.
 *
 * Every provider read is retried (5xx, timeouts, 429 after its Retry-After). What still cannot be
 * read or compared is listed in the report as skipped and the run goes on with the rest; it ends
 * incomplete, so the next run looks at the skipped part again.
 *
 * It only enqueues. The worker applies each repair like a live event, in the record's own FIFO
 * group, under the link versions, hashes and claims: a repair that races a live event
 * of the same record finds the work done and changes nothing, so the job is safe to run while
 * webhooks flow. Undefined when the program has not connected Attio or its sync has not started.
 */
export async function reconcileProgram(
  deps: ReconciliationDependencies,
  programId: string,
  deadline: number,
): Promise<ReconciliationSummary | undefined> {
  const now = deps.now ?? (() => new Date());
  const context = await deps.programs.load(programId);
  // Before the first Save nothing is synced, so there is nothing to repair (and the worker would skip it).
  if (!context?.attioConnection || syncNotStartedReason(context.settings)) return undefined;
  const started = now();
  const startedAt = started.toISOString();
  const cursor = await deps.reports.cursorOf(programId);
  const plan = planRun(cursor, context.settings.version, started, deps.cadence ?? defaultReconciliationCadence);
  const run: Run = {
    runId: randomUUID(),
    programId,
    plan,
    repairs: [],
    skipped: [],
    checked: { partner: 0, customer: 0, transaction: 0, deal: 0 },
    complete: true,
    liveSaleKeys: undefined,
    listedIds: new Map(),
    saleCommissions: new Map(),
  };
  const attio = deps.attioFor(await context.attioAccessToken());
  const read = <T>(what: () => Promise<T>) => readWithRetries(what, deadline, deps.retry ?? defaultRetryPolicy);

  const pass: ReconciliationPass = { deps, context, attio, run, deadline, read };
  await reconcilePartneroSide(pass);
  if (Date.now() < deadline) await reconcileDeletions(pass);
  if (Date.now() < deadline) await reconcileDeals(pass);
  else run.complete = false;

  const summary: ReconciliationSummary = {
    programId,
    runId: run.runId,
    startedAt,
    finishedAt: now().toISOString(),
    complete: run.complete,
    checked: run.checked,
    repairCount: run.repairs.length,
    repairs: run.repairs,
    skipped: run.skipped,
    mode: plan.mode,
    changesSince: changesSince(plan) ?? null,
    cursor: nextCursor(cursor, plan, { startedAt, complete: run.complete, settingsVersion: context.settings.version }),
  };
  await deps.audit.record({
    programId,
    direction: 'reconciliation',
    sourceEvent: 'reconciliation.completed',
    sourceRecord: `reconciliation:${run.runId}`,
    targetRecord: null,
    // A run that skipped something shows in the sync history as failed, whatever it repaired.
    outcome: run.skipped.length > 0 ? 'failed' : run.repairs.length > 0 ? 'applied' : 'noop',
    reason: describe(summary),
  });
  await deps.reports.save(summary);
  return summary;
}

/** A provider read under the run's retry policy. */
export type RetriedRead = <T>(read: () => Promise<T>) => Promise<T>;

/**
 * What each pass of a run (Partnero lists, deletions, deals) works with: the dependencies, the
 * program and its Attio client, the run so far, the run's deadline and its retried read.
 */
export interface ReconciliationPass<R extends ReconciliationRun = Run> {
  readonly deps: ReconciliationDependencies;
  readonly context: ProgramContext;
  readonly attio: AttioClient;
  readonly run: R;
  readonly deadline: number;
  readonly read: RetriedRead;
}

async function reconcilePartneroSide({ deps, context, attio, run, deadline, read }: ReconciliationPass): Promise<void> {
  const settings = context.settings.settings;
  const enabled: Record<LinkedKind, boolean> = {
    partner: settings.partners.enabled,
    customer: settings.customers.enabled,
    transaction: settings.deals.enabled,
  };
  const workspaceId = (context.attioConnection as NonNullable<ProgramContext['attioConnection']>).workspaceId;
  const schemaReader = attioRecordsOf(attio);
  const reader = deps.pagesFor(await context.partneroApiKey());
  kinds: for (const kind of linkedKinds.filter((candidate) => enabled[candidate])) {
    let schema: AttioObjectSchema;
    try {
      schema =
        kind === 'transaction'
          ? new Map()
          : await read(() => deps.schemas.objectSchema(workspaceId, targetObjectOf(kind, settings), schemaReader));
    } catch (error) {
      skip(run, `${kind}:schema`, error);
      continue;
    }
    const listedIds = new Set<string>();
    const since = changesSince(run.plan);
    for (let pageNumber = 1; ; pageNumber += 1) {
      if (Date.now() >= deadline) {
        run.complete = false;
        return;
      }
      let page: ListedPage;
      try {
        page = await read(() =>
          reader.page(kind, pageNumber, deps.pageSize ?? 100, since === undefined ? 'default' : 'newest-first'),
        );
      } catch (error) {
        // Without this page the kind's list is unknown past it: on to the next kind.
        skip(run, `${kind}:page ${pageNumber}`, error);
        continue kinds;
      }
      const messages: QueueMessage[] = [];
      for (const listed of page.records) {
        run.checked[kind] += 1;
        if (listed.kind !== 'customer' || customerStatusLabel(listed.record) !== 'deleted')
          listedIds.add(partneroIdOf(listed));
        // A list item without its rewards says nothing about the commission: only what it shows is compared.
        if (listed.kind === 'transaction' && (listed.record.rewards || listed.record.deleted_at))
          run.saleCommissions.set(listed.record.key, {
            status: commissionStatus(listed.record),
            createdAt: listed.record.created_at ?? null,
          });
        try {
          const drift = partneroDrift(
            listed,
            await deps.links.findByPartneroId(run.programId, kind, partneroIdOf(listed)),
            settings,
            schema,
          );
          if (drift) messages.push(repair(run, listed, drift));
        } catch (error) {
          skip(run, `${kind}:${partneroIdOf(listed)}`, error);
        }
      }
      await deps.sendToPartneroQueue(messages);
      await auditRepairs(deps, run, run.repairs.slice(run.repairs.length - messages.length));
      if (!page.hasMore || page.records.length === 0) break;
      // Newest first: a page with nothing created since the window began ends the changes.
      // Records on the pages read are all compared, so one shown out of order near the edge is not lost.
      if (
        since !== undefined &&
        pageEndsChanges(
          page.records.map((listed) => listed.record.created_at),
          since,
        )
      )
        break;
    }
    // Only a full list tells what Partnero no longer has.
    if (since !== undefined) continue;
    if (kind === 'transaction') run.liveSaleKeys = listedIds;
    else run.listedIds.set(kind, listedIds);
  }
}

function repair(run: Run, listed: ListedRecord, drift: string): QueueMessage {
  const event = upsertEventOf(listed.kind);
  run.repairs.push({ record: `${listed.kind}:${partneroIdOf(listed)}`, event, reason: drift });
  return partneroRecordMessage(run.programId, listed, { source: 'reconciliation', runId: run.runId });
}

async function reconcileDeals({ deps, context, attio, run, deadline, read }: ReconciliationPass): Promise<void> {
  const settings = context.settings.settings.deals;
  if (!settings.enabled) return;
  const connection = context.attioConnection as NonNullable<ProgramContext['attioConnection']>;
  let dealsObject: Awaited<ReturnType<AttioClient['objects']['get']>>;
  let stage: Awaited<ReturnType<AttioClient['attributes']['get']>>;
  let claims: Awaited<ReturnType<typeof claimsOf>>;
  const since = changesSince(run.plan);
  try {
    // An incremental run looks up the claims of the deals it lists, not every claim of the program.
    [dealsObject, stage, claims] = await Promise.all([
      read(() => attio.objects.get(DEAL_OBJECT)),
      read(() => attio.attributes.get(DEAL_OBJECT, dealAttributeSlugs.stage)),
      since === undefined ? claimsOf(deps.table, run.programId) : Promise.resolve([]),
    ]);
  } catch (error) {
    skip(run, 'deals', error);
    return;
  }
  if (!stage) return;
  const target = {
    workspaceId: connection.workspaceId,
    dealsObjectId: dealsObject.id.object_id,
    stageAttributeId: stage.id.attribute_id,
  };
  const claimByDeal = new Map(claims.map((claim) => [claim.dealRecordId, claim]));
  const claimStore = new ClaimRepository(deps.table);
  const claimOf = async (dealRecordId: string) =>
    since === undefined ? claimByDeal.get(dealRecordId) : claimStore.find(run.programId, dealRecordId);
  // Status attributes "can also be filtered based on when they were modified, using the
  // active_from property" with $lt, $lte, $gt, $gte (docs.attio.com, attribute types, status):
  // the deals whose stage moved, or that were created with one, since the window began.
  const filter = since === undefined ? undefined : { [dealAttributeSlugs.stage]: { active_from: { $gte: since } } };
  const seen = new Set<string>();
  const messages: QueueMessage[] = [];
  const refunds: QueueMessage[] = [];
  const note = (dealRecordId: string, deleted: boolean, reason: string) => {
    run.repairs.push({
      record: `attio:${DEAL_OBJECT}:${dealRecordId}`,
      event: deleted ? 'record.deleted' : 'record.updated',
      reason,
    });
    messages.push(dealEventMessage(run.programId, dealRecordId, deleted, target, run.runId));
  };

  // Paged here rather than through queryAll so that one failed page is retried, not the whole list.
  const pageSize = deps.dealPageSize ?? DEAL_PAGE_SIZE;
  let listedEveryDeal = true;
  pages: for (let offset = 0; ; offset += pageSize) {
    let page: AttioRecord[];
    try {
      page = await read(() =>
        attio.records.query(DEAL_OBJECT, {
          ...(filter ? { filter } : {}),
          sorts: STABLE_DEAL_ORDER,
          limit: pageSize,
          offset,
        }),
      );
    } catch (error) {
      skip(run, `deals:offset ${offset}`, error);
      listedEveryDeal = false;
      break;
    }
    for (const record of page) {
      // A deal created meanwhile with the same created_at and a lower id shifts a listed one onto this page again.
      if (seen.has(record.id.record_id)) continue;
      if (Date.now() >= deadline) {
        run.complete = false;
        listedEveryDeal = false;
        break pages;
      }
      try {
        const deal = readDeal(record);
        seen.add(deal.recordId);
        run.checked.deal += 1;
        const claim = await claimOf(deal.recordId);
        // The link only matters for a won deal without a claim: it may mirror a Partnero sale.
        const link =
          !claim && dealStanding(deal, settings) === 'won'
            ? await deps.links.findByAttioRecordId(run.programId, deal.recordId, 'transaction')
            : undefined;
        const drift = dealDrift(deal, claim, link, deal.recordId, settings);
        if (drift) note(deal.recordId, false, drift);
        const refund = run.liveSaleKeys
          ? refundDrift(deal, textOf(record, syncAttributeSlugs.transactionStatus), run.liveSaleKeys)
          : undefined;
        if (refund && deal.partneroTransactionKey) {
          run.repairs.push({
            record: `transaction:${deal.partneroTransactionKey}`,
            event: 'transaction.deleted',
            reason: refund,
          });
          refunds.push(
            saleDeletedMessage(run.programId, deal.partneroTransactionKey, {
              source: 'reconciliation',
              runId: run.runId,
            }),
          );
        }
        const sale =
          deal.partneroTransactionKey !== undefined ? run.saleCommissions.get(deal.partneroTransactionKey) : undefined;
        const commission = refund
          ? undefined
          : commissionStatusDrift(
              textOf(record, syncAttributeSlugs.commissionStatus),
              textOf(record, syncAttributeSlugs.transactionStatus),
              sale?.status,
            );
        if (commission && deal.partneroTransactionKey) {
          run.repairs.push({
            record: `transaction:${deal.partneroTransactionKey}`,
            event: 'transaction.created',
            reason: commission,
          });
          refunds.push(
            saleCommissionMessage(run.programId, deal.partneroTransactionKey, sale?.createdAt ?? null, {
              source: 'reconciliation',
              runId: run.runId,
            }),
          );
        }
      } catch (error) {
        skip(run, `attio:${DEAL_OBJECT}:${record.id.record_id}`, error);
        // Unseen, it would pass for a deleted deal below.
        seen.add(record.id.record_id);
      }
    }
    if (page.length < pageSize) break;
  }
  if (listedEveryDeal && since === undefined) {
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

const DEAL_PAGE_SIZE = 500;

/**
 * Attio documents no order for an unsorted query, so offset paging without `sorts` may skip or
 * repeat records written meanwhile (and a skipped won deal would pass for a deleted one). By
 * creation time, then record id (both attributes every object has; `sorts[].attribute` takes
 * any attribute slug, OpenAPI `POST /v2/objects/{object}/records/query`): a deal updated while
 * the job pages keeps its place, and a deal created meanwhile lands after the ones listed.
 */
export const STABLE_DEAL_ORDER = [
  { attribute: 'created_at', direction: 'asc' },
  { attribute: 'record_id', direction: 'asc' },
] as const;

function describe(summary: ReconciliationSummary): string {
  const checked = Object.entries(summary.checked)
    .filter(([, count]) => count > 0)
    .map(([kind, count]) => `${count} ${kind}${count === 1 ? '' : 's'}`)
    .join(', ');
  const repaired =
    summary.repairCount === 0
      ? 'nothing drifted'
      : `${summary.repairCount} repaired: ${summary.repairs
          .slice(0, 5)
          .map((entry) => entry.record)
          .join(', ')}${summary.repairCount > 5 ? ', …' : ''}`;
  const skipped =
    summary.skipped.length === 0
      ? ''
      : `; ${summary.skipped.length} skipped, left for the next run: ${summary.skipped
          .slice(0, 5)
          .map((entry) => entry.record)
          .join(', ')}${summary.skipped.length > 5 ? ', …' : ''}`;
  const incomplete = summary.complete
    ? ''
    : summary.skipped.length === 0
      ? 'incomplete (out of time); '
      : 'incomplete; ';
  return `${incomplete}compared ${checked || 'nothing'}; ${repaired}${skipped}`;
}
