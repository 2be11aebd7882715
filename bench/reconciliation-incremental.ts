/**
 * What one program's reconciliation reads, full sweep beside incremental run, as the program
 * grows: provider requests counted by the simulators' own counters and records compared (each
 * one a DynamoDB link read), beside the floor of an incremental run (the list pages holding the
 * changes, at least one per list, and one deals query). The full sweep grows with the program,
 * the incremental run with the changes since the last run.
 * Run: npm run bench:reconciliation-incremental (programs of 250, 1,000 and 4,000 partners, 10 changes).
 */
import './support/quiet-powertools';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { sdkDocumentClient } from '../shared/aws/sdk-document-client';
import { randomBytes } from 'node:crypto';
import { localCredentials, LOCAL_REGION } from '../local/aws/local-credentials';
import { provisionLocalResources } from '../local/provision';
import { createAttioClient } from '../shared/attio/attio-client';
import { WAIT_OUT_RATE_LIMITS } from '../shared/attio/attio-http';
import { partneroPageReader } from '../shared/backfill/partnero-pages';
import { AttioSchemaCache } from '../shared/attio/attio-schema-cache';
import { syncAttributeDefinitions } from '../shared/programs/attio-sync-attributes';
import { ProgramContextLoader, tokenPurposes } from '../shared/programs/program-context';
import { ProgramRepository } from '../shared/programs/program-repository';
import { defaultProgramSettings } from '../shared/programs/program-settings';
import { reconcileProgram, type ReconciliationDependencies } from '../shared/reconciliation/reconcile-program';
import { defaultReconciliationCadence } from '../shared/reconciliation/reconciliation-cadence';
import { ReconciliationReports, type ReconciliationSummary } from '../shared/reconciliation/reconciliation-report';
import { LocalTokenCipher } from '../shared/security/token-cipher';
import type { SyncTable } from '../shared/store/sync-table';
import { AuditLog } from '../shared/sync/audit-log';
import { LinkRepository } from '../shared/sync/link-repository';
import { startAttioSimulator, type AttioSimulator } from '../simulators/attio';
import { startPartneroSimulator, type PartneroSimulator } from '../simulators/partnero/partnero-simulator';
import type { RouteCount } from '../simulators/partnero/server/request-counter';
import { benchAws } from './support/bench-aws';
import { isSmoke, report, round, type BenchRow } from './support/report';
import { seededAttioConnection } from '../test/support/seeded-attio-connection';

const sizes = isSmoke ? [20, 60] : [250, 1_000, 4_000];
/** Changes between the two runs: new partners (webhooks lost) and one deal moved. */
const changes = 10;
const PAGE_SIZE = 100;
const DEAL_PAGE_SIZE = 500;
const dealsPerPartner = 0.2;
/**
 * The records are seconds old, so the overlap is one second here (production: 15 minutes, which
 * adds the changes of those minutes to each incremental run). Partnero shows whole seconds.
 */
const cadence = { ...defaultReconciliationCadence, overlapMs: 1_000 };

interface Context {
  readonly table: SyncTable;
  readonly partnero: PartneroSimulator;
  readonly attio: AttioSimulator;
  readonly cipher: LocalTokenCipher;
  readonly programs: ProgramRepository;
}

interface Program {
  readonly programId: string;
  readonly workspaceId: string;
  readonly wonStageId: string;
  readonly deals: string[];
}

/** A registered program with `partners` partners in Partnero and a fifth as many deals in its Attio workspace, its webhooks never delivered. */
async function aProgram(context: Context, partners: number): Promise<Program> {
  const programId = `rec_${randomBytes(4).toString('hex')}`;
  const partneroApiKey = `pk_${randomBytes(12).toString('hex')}`;
  context.partnero.control.createProgram({ id: programId, apiKey: partneroApiKey, currency: 'USD' });
  for (let index = 0; index < partners; index += 1)
    context.partnero.control.partners.create(programId, { email: `p${index}@${programId}.test`, name: `P${index}` });
  const workspace = context.attio.control.createWorkspace({
    name: programId,
    members: [{ first_name: 'Sam', last_name: 'Sales', email_address: `sam@${programId}.example` }],
  });
  const { token, actor } = context.attio.control.issueToken(workspace.id);
  const attio = createAttioClient({
    apiUrl: context.attio.url,
    accessToken: token,
    waitOutRateLimits: WAIT_OUT_RATE_LIMITS,
  });
  for (const { object: target, ...attribute } of syncAttributeDefinitions('people'))
    await attio.attributes.ensure(target, attribute);
  const stages = context.attio.control.statuses('deals', 'stage', workspace.id);
  const wonStageId = stages.find((status) => /^Won/.test(status.title))?.id as string;
  const lead = stages.find((status) => /^Lead/.test(status.title))?.id as string;
  const member = context.attio.control.members(workspace.id)[0]?.email_address as string;
  const deals: string[] = [];
  for (let index = 0; index < Math.round(partners * dealsPerPartner); index += 1) {
    const deal = context.attio.control.createRecordAsMember(
      'deals',
      { name: `Deal ${index}`, stage: lead, owner: member, value: 100 },
      { workspaceId: workspace.id },
    ) as { id: { record_id: string } };
    deals.push(deal.id.record_id);
  }
  const now = new Date().toISOString();
  const encrypt = (plaintext: string, purpose: string) => context.cipher.encrypt(plaintext, { programId, purpose });
  await context.programs.putRegistration({
    programId,
    displayName: programId,
    partneroApiKeyCiphertext: await encrypt(partneroApiKey, tokenPurposes.partneroApiKey),
    partneroWebhookKey: null,
    partneroWebhookSecretCiphertext: null,
    registeredAt: now,
    updatedAt: now,
  });
  await context.programs.putAttioConnection(
    await seededAttioConnection({ programId, workspace, workspaceName: programId, token, actor }, context.cipher, now),
  );
  const settings = defaultProgramSettings();
  settings.deals.enabled = true;
  settings.deals.wonStageId = wonStageId;
  await context.programs.saveSettings(programId, settings, 0, new Date(), { syncStartedAt: now });
  return { programId, workspaceId: workspace.id, wonStageId, deals };
}

function dependencies(context: Context): ReconciliationDependencies {
  return {
    table: context.table,
    programs: new ProgramContextLoader(context.programs, context.cipher),
    links: new LinkRepository(context.table),
    pagesFor: (apiKey) => partneroPageReader({ apiUrl: context.partnero.url, apiKey }),
    attioFor: (accessToken) =>
      createAttioClient({ apiUrl: context.attio.url, accessToken, waitOutRateLimits: WAIT_OUT_RATE_LIMITS }),
    schemas: new AttioSchemaCache(),
    // Only what the job reads is measured: its repairs are dropped, not applied.
    sendToPartneroQueue: async () => undefined,
    sendToAttioQueue: async () => undefined,
    audit: new AuditLog(context.table),
    reports: new ReconciliationReports(context.table),
    pageSize: PAGE_SIZE,
    dealPageSize: DEAL_PAGE_SIZE,
    cadence,
  };
}

function total(counts: Record<string, RouteCount>, routes?: readonly string[]): number {
  return Object.entries(counts)
    .filter(([route]) => routes === undefined || routes.includes(route))
    .reduce((sum, [, count]) => sum + count.reads, 0);
}

const partneroLists = ['/v1/partners', '/v1/customers', '/v1/transactions'];
const dealQuery = ['POST /v2/objects/{object}/records/query'];

async function measuredRun(
  context: Context,
  program: Program,
  label: string,
  partners: number,
): Promise<{ row: BenchRow; summary: ReconciliationSummary }> {
  context.partnero.control.resetRequestCounts();
  context.attio.control.resetRequestCounts();
  const deps = dependencies(context);
  const summary = await reconcileProgram(deps, program.programId, Date.now() + 600_000);
  if (!summary?.complete)
    throw new Error(`${label} run of ${program.programId} did not complete: ${JSON.stringify(summary?.skipped)}`);
  const partnero = context.partnero.control.requestCounts();
  const attio = context.attio.control.requestCounts();
  const row: BenchRow = {
    'program partners': partners,
    'program deals': program.deals.length,
    run: `${label} (${summary.mode})`,
    'Partnero list reads': total(partnero, partneroLists),
    'Attio deal queries': total(attio, dealQuery),
    'other provider reads': total(partnero) - total(partnero, partneroLists) + total(attio) - total(attio, dealQuery),
    'records compared': Object.values(summary.checked).reduce((sum, count) => sum + count, 0),
  };
  return { row, summary };
}

async function main(): Promise<void> {
  const ownAws = await benchAws();
  const { dynamoDbEndpoint, sqsEndpoint } = ownAws;
  const [partnero, attio] = await Promise.all([startPartneroSimulator(), startAttioSimulator({ dealsEnabled: true })]);
  const raw = new DynamoDBClient({ endpoint: dynamoDbEndpoint, region: LOCAL_REGION, credentials: localCredentials });
  try {
    const resources = await provisionLocalResources({
      dynamoDbEndpoint,
      sqsEndpoint,
      prefix: `bench-incremental-${Date.now()}`,
    });
    const table: SyncTable = { client: sdkDocumentClient(raw), tableName: resources.syncTableName };
    const programs = new ProgramRepository(table);
    const context: Context = {
      table,
      partnero,
      attio,
      cipher: new LocalTokenCipher(randomBytes(32).toString('base64')),
      programs,
    };
    const rows: BenchRow[] = [];
    for (const size of sizes) {
      const program = await aProgram(context, size);
      await new Promise((resolve) => setTimeout(resolve, 2_100));
      rows.push((await measuredRun(context, program, 'first', size)).row);
      // The changes: new partners whose webhooks were lost, and a deal won in Attio.
      for (let index = 0; index < changes - 1; index += 1)
        partnero.control.partners.create(program.programId, {
          email: `new${index}@${program.programId}.test`,
          name: `New ${index}`,
        });
      attio.control.updateRecordAsMember(
        'deals',
        program.deals[0] as string,
        { stage: program.wonStageId },
        { workspaceId: program.workspaceId },
      );
      rows.push((await measuredRun(context, program, `after ${changes} changes`, size)).row);
      // The floor of that run: per Partnero list (partners, sales) the pages holding its changes, one at least; one deals query.
      const newPartners = changes - 1;
      rows.push({
        'program partners': size,
        'program deals': program.deals.length,
        run: 'floor: the pages of the changes',
        'Partnero list reads': Math.max(1, Math.ceil(newPartners / PAGE_SIZE)) + 1,
        'Attio deal queries': 1,
        'other provider reads': '',
        'records compared': changes,
      });
    }
    report(
      'reconciliation-incremental',
      rows.map((row) => ({ ...row, 'Partnero list reads': round(Number(row['Partnero list reads']), 0) })),
      {
        changes,
        pageSize: PAGE_SIZE,
        dealPageSize: DEAL_PAGE_SIZE,
        note:
          'first run: a full sweep (no earlier run); second: incremental, Partnero lists newest ' +
          'first until a page holds nothing created since the last run (less the overlap), Attio ' +
          'deals whose stage active_from is since then. ' +
          'An incremental run reads one page past the changes of each list (the page that shows ' +
          'nothing newer); records compared = link reads in DynamoDB. Customers are off in these ' +
          'programs (partners, sales, deals). ' +
          'Overlap shortened to 1 s as the records are seconds old; production uses 15 minutes.',
      },
      { smoke: isSmoke },
    );
  } finally {
    raw.destroy();
    await Promise.all([partnero.stop(), attio.stop()]);
    await ownAws.stop();
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
