import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import * as z from 'zod';
import { BackfillStore } from '../../shared/backfill/backfill-store';
import { ENV } from '../../shared/config/environment-names';
import { readFunctionEnvironment } from '../../shared/config/function-environment';
import { attioAccess, partneroAccess } from '../../shared/connect/attio-access';
import { disconnectAttio } from '../../shared/connect/attio-disconnect';
import { jsonErrorResponse, parseJsonBody } from '../../shared/http/json-requests';
import { errorResponse, jsonResponse } from '../../shared/http/api-responses';
import { httpHandler } from '../../shared/http/http-handler';
import { logger } from '../../shared/observability/powertools';
import { ProgramRepository } from '../../shared/programs/program-repository';
import { attioClientCredentials, loadAppSecrets } from '../../shared/security/app-secrets';
import { tokenCipherFromEnvironment } from '../../shared/security/token-cipher';
import { sqsBatchSender } from '../../shared/aws/sqs-batch-sender';
import { sendQueueMessages } from '../../shared/queue/send-queue-messages';
import {
  programDeadLetterList,
  retryAttentionEntry,
  retryRequestSchema,
  type RetryDependencies,
} from '../../shared/settings/attention-retry';
import { previewMapping, previewRequestSchema } from '../../shared/settings/mapping-preview';
import { partneroPageReader } from '../../shared/backfill/partnero-pages';
import { tokenPurposes } from '../../shared/programs/program-context';
import {
  dealStages,
  objectAttributes,
  partnerTargetObjects,
  workspaceMembers,
} from '../../shared/settings/attio-catalog';
import { guardOpenSettingsSession } from '../../shared/settings/settings-route-guard';
import { SettingsSessionStore } from '../../shared/settings/settings-session-store';
import {
  connectedAttio,
  readSettings,
  saveProgramSettings,
  saveSettingsRequestSchema,
  type SettingsDependencies,
} from '../../shared/settings/settings-service';
import { statusReport, type StatusDependencies } from '../../shared/settings/status-report';
import { parseSyncHistoryQuery, syncHistory } from '../../shared/settings/sync-history';
import { syncTable } from '../../shared/store/sync-table';
import { AuditLog } from '../../shared/sync/audit-log';
import { DeadLetterRecords } from '../../shared/queue/dead-letter-records';
import { LinkRepository } from '../../shared/sync/link-repository';

const environment = readFunctionEnvironment();

const publicApiUrl = environment[ENV.publicApiUrl];
const table = syncTable(environment[ENV.syncTableName]);
const sessions = new SettingsSessionStore(table);
const deadLetters = new DeadLetterRecords(table);
const links = new LinkRepository(table);
const queueUrls = {
  'partnero-to-attio': environment[ENV.partneroToAttioQueueUrl],
  'attio-to-partnero': environment[ENV.attioToPartneroQueueUrl],
} as const;
const deps: SettingsDependencies & StatusDependencies & RetryDependencies = {
  programs: new ProgramRepository(table),
  cipher: tokenCipherFromEnvironment(),
  audit: new AuditLog(table),
  attio: attioAccess(environment[ENV.attioApiUrl], environment[ENV.attioAppUrl], attioClientCredentials),
  partnero: partneroAccess(environment[ENV.partneroApiUrl]),
  publicApiUrl,
  backfills: new BackfillStore(table),
  deadLetters,
  programDeadLetters: programDeadLetterList(deadLetters),
  retryQueue: { send: (direction, messages) => sendQueueMessages(sqsBatchSender(), queueUrls[direction], messages) },
};

const objectSlug = z.string().regex(/^[a-z0-9_]{1,64}$/, 'an Attio object api slug');

/**
 * The JSON API behind the settings page, every route behind the program's session cookie and
 * every write behind its CSRF token:
 *
 *   GET  /settings/{programId}/api/settings            the saved settings and their version
 *   PUT  /settings/{programId}/api/settings            save {version, settings}; 400 lists field issues, 409 a stale version
 *   GET  /settings/{programId}/api/attio/objects       objects partners may land in
 *   GET  /settings/{programId}/api/attio/attributes    ?object=<slug>: its attributes with their types
 *   GET  /settings/{programId}/api/attio/deal-stages   statuses of deals.stage
 *   GET  /settings/{programId}/api/attio/members       workspace members (deal owners)
 *   GET  /settings/{programId}/api/status              connection, webhooks, recent events, the program's own dead letters
 *   GET  /settings/{programId}/api/history             sync history, newest first: ?limit, cursor, direction, record
 *   POST /settings/{programId}/api/attio/disconnect    revoke the token, delete the webhook
 *   POST /settings/{programId}/api/preview             {tab, settings}: what the unsaved mapping would write for a
 *                                                      sample record (Customers: both ways); writes nothing
 *   POST /settings/{programId}/api/needs-attention/retry  {id}: queue a Needs attention record again; 409 when it no longer needs it
 */
async function handle(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> {
  const secrets = await loadAppSecrets();
  const write = event.requestContext.http.method !== 'GET';
  const guard = await guardOpenSettingsSession(event, secrets.settingsLinkSigningKey, sessions, {
    write,
    publicApiUrl,
  });
  if (!guard.ok) return errorResponse(guard.status, guard.message);
  const { programId } = guard;
  switch (event.routeKey) {
    case 'GET /settings/{programId}/api/settings': {
      const stored = await readSettings(deps, programId);
      return jsonResponse(200, stored);
    }
    case 'PUT /settings/{programId}/api/settings': {
      const saved = await saveProgramSettings(deps, programId, parseJsonBody(event, saveSettingsRequestSchema));
      logger.info('settings saved', {
        programId,
        version: saved.version,
        webhook: saved.webhook,
        startedSync: saved.startedSync,
      });
      return jsonResponse(200, saved);
    }
    case 'GET /settings/{programId}/api/attio/objects': {
      const { attio } = await connectedAttio(deps, programId);
      return jsonResponse(200, { objects: await partnerTargetObjects(attio) });
    }
    case 'GET /settings/{programId}/api/attio/attributes': {
      const object = objectSlug.safeParse(event.queryStringParameters?.object);
      if (!object.success) return errorResponse(400, 'Pass ?object=<Attio object api slug>');
      const { attio } = await connectedAttio(deps, programId);
      const attributes = await objectAttributes(attio, object.data);
      if (!attributes) return errorResponse(404, `Attio has no object "${object.data}" in this workspace`);
      return jsonResponse(200, { object: object.data, attributes });
    }
    case 'GET /settings/{programId}/api/attio/deal-stages': {
      const { attio } = await connectedAttio(deps, programId);
      const stages = await dealStages(attio);
      return jsonResponse(200, { available: stages !== undefined, stages: stages ?? [] });
    }
    case 'GET /settings/{programId}/api/attio/members': {
      const { attio } = await connectedAttio(deps, programId);
      return jsonResponse(200, { members: await workspaceMembers(attio) });
    }
    case 'GET /settings/{programId}/api/status':
      return jsonResponse(200, await statusReport(deps, programId));
    case 'GET /settings/{programId}/api/history':
      return jsonResponse(200, await syncHistory(deps, programId, parseSyncHistoryQuery(event.queryStringParameters)));
    case 'POST /settings/{programId}/api/attio/disconnect': {
      const released = await disconnectAttio(deps, deps.attio, deps.audit, sessions, programId);
      logger.info('attio disconnected', { programId, webhook: released?.webhook ?? 'not-connected' });
      return jsonResponse(200, { disconnected: released !== undefined, webhook: released?.webhook ?? null });
    }
    case 'POST /settings/{programId}/api/preview': {
      const request = parseJsonBody(event, previewRequestSchema);
      const { connection, attio } = await connectedAttio(deps, programId);
      const registration = await deps.programs.getRegistration(programId);
      if (!registration) return errorResponse(404, 'Not found');
      const apiKey = await deps.cipher.decrypt(registration.partneroApiKeyCiphertext, {
        programId,
        purpose: tokenPurposes.partneroApiKey,
      });
      const sources = {
        programId,
        links,
        attio,
        partnero: deps.partnero(apiKey),
        pages: partneroPageReader({ apiUrl: environment[ENV.partneroApiUrl], apiKey }),
        connectingMemberId: connection.authorizedByWorkspaceMemberId,
      };
      return jsonResponse(200, await previewMapping(sources, request.tab, request.settings));
    }
    case 'POST /settings/{programId}/api/needs-attention/retry': {
      const retried = await retryAttentionEntry(deps, programId, parseJsonBody(event, retryRequestSchema).id);
      logger.info('needs attention retried', {
        programId,
        kind: retried.entry.kind,
        direction: retried.entry.direction,
      });
      return jsonResponse(202, retried);
    }
    default:
      return errorResponse(404, 'Not found');
  }
}

export const handler = httpHandler(handle, { failure: 'settings api failed', answer: jsonErrorResponse });
