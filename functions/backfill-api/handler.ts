import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import {
  backfillProgressOf,
  backfillRequestSchema,
  requestBackfill,
  type BackfillRequestDependencies,
} from '../../shared/backfill/backfill-requests';
import { ENV } from '../../shared/config/environment-names';
import { readFunctionEnvironment } from '../../shared/config/function-environment';
import { checkAdminCredential } from '../../shared/connect/admin-credential';
import { errorResponse, jsonResponse } from '../../shared/http/api-responses';
import { httpHandler } from '../../shared/http/http-handler';
import { jsonErrorResponse, parseJsonBody } from '../../shared/http/json-requests';
import { logger } from '../../shared/observability/powertools';
import { ProgramRepository } from '../../shared/programs/program-repository';
import { loadAppSecrets } from '../../shared/security/app-secrets';
import { guardOpenSettingsSession, programIdPattern } from '../../shared/settings/settings-route-guard';
import { SettingsSessionStore } from '../../shared/settings/settings-session-store';
import { syncTable } from '../../shared/store/sync-table';
import { AuditLog } from '../../shared/sync/audit-log';

const environment = readFunctionEnvironment();

const table = syncTable(environment[ENV.syncTableName]);
const sessions = new SettingsSessionStore(table);
const deps: BackfillRequestDependencies = { table, programs: new ProgramRepository(table), audit: new AuditLog(table) };

/** Who may ask: the platform team (admin token) or the program's own settings session (with CSRF on writes). */
async function authorize(
  event: APIGatewayProxyEventV2,
): Promise<
  | { ok: true; programId: string; trigger: 'admin' | 'settings' }
  | { ok: false; response: APIGatewayProxyStructuredResultV2 }
> {
  const secrets = await loadAppSecrets();
  if (event.routeKey.includes(' /admin/')) {
    const credential = checkAdminCredential(event.headers.authorization, secrets.adminApiToken);
    if (!credential.ok) return { ok: false, response: errorResponse(credential.status, credential.message) };
    const programId = event.pathParameters?.programId ?? '';
    if (!programIdPattern.test(programId))
      return { ok: false, response: errorResponse(404, 'There is no such program.') };
    return { ok: true, programId, trigger: 'admin' };
  }
  const guard = await guardOpenSettingsSession(event, secrets.settingsLinkSigningKey, sessions, {
    write: event.requestContext.http.method !== 'GET',
    publicApiUrl: environment[ENV.publicApiUrl],
  });
  if (!guard.ok) return { ok: false, response: errorResponse(guard.status, guard.message) };
  return { ok: true, programId: guard.programId, trigger: 'settings' };
}

/**
 * Backfill on demand, for the platform team and for the settings page:
 *
 *   POST /admin/programs/{programId}/backfill      {kinds?}  start (202); a run still paging is kept
 *   GET  /admin/programs/{programId}/backfill                progress of the latest run
 *   POST /settings/{programId}/api/backfill        {kinds?}  the same from the settings session
 *   GET  /settings/{programId}/api/backfill
 */
async function handle(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> {
  const access = await authorize(event);
  if (!access.ok) return access.response;
  const { programId, trigger } = access;
  if (event.requestContext.http.method === 'GET')
    return jsonResponse(200, { progress: await backfillProgressOf(deps, programId) });
  const requested = await requestBackfill(
    deps,
    programId,
    parseJsonBody(event, backfillRequestSchema, { optional: true }),
    trigger,
  );
  logger.info('backfill requested', {
    programId,
    trigger,
    started: requested.started,
    runId: requested.progress?.runId,
  });
  return jsonResponse(202, requested);
}

export const handler = httpHandler(handle, { failure: 'backfill request failed', answer: jsonErrorResponse });
