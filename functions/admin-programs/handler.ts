import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import * as z from 'zod';
import { ProgramNotFoundError, ValidationError } from '../../shared/errors';
import { ENV } from '../../shared/config/environment-names';
import { readFunctionEnvironment } from '../../shared/config/function-environment';
import { checkAdminCredential } from '../../shared/connect/admin-credential';
import { attioAccess, partneroAccess } from '../../shared/connect/attio-access';
import { jsonErrorResponse, parseJsonBody } from '../../shared/http/json-requests';
import {
  describeProgram,
  listPrograms,
  listProgramsQuerySchema,
  programIdSchema,
  registerProgram,
  registerProgramRequestSchema,
  removeProgram,
  type ProvisioningDependencies,
} from '../../shared/connect/program-provisioning';
import { errorResponse, jsonResponse } from '../../shared/http/api-responses';
import { httpHandler } from '../../shared/http/http-handler';
import { logger } from '../../shared/observability/powertools';
import { ProgramRepository } from '../../shared/programs/program-repository';
import { attioClientCredentials, loadAppSecrets } from '../../shared/security/app-secrets';
import { tokenCipherFromEnvironment } from '../../shared/security/token-cipher';
import { mintSettingsLinkToken, settingsLinkUrl, SETTINGS_LINK_TTL_SECONDS } from '../../shared/settings/settings-link';
import { syncTable } from '../../shared/store/sync-table';

const environment = readFunctionEnvironment();

const publicApiUrl = environment[ENV.publicApiUrl];
const deps: ProvisioningDependencies = {
  programs: new ProgramRepository(syncTable(environment[ENV.syncTableName])),
  cipher: tokenCipherFromEnvironment(),
  partnero: partneroAccess(environment[ENV.partneroApiUrl]),
  attio: attioAccess(environment[ENV.attioApiUrl], environment[ENV.attioAppUrl], attioClientCredentials),
  publicApiUrl,
};

const settingsLinkRequestSchema = z.strictObject({
  /** How long the link opens the page; default 15 minutes, at most an hour. */
  ttlSeconds: z.number().int().min(60).max(3600).optional(),
});

function programIdOf(event: APIGatewayProxyEventV2): string {
  const parsed = programIdSchema.safeParse(event.pathParameters?.programId);
  if (!parsed.success) throw new ProgramNotFoundError(String(event.pathParameters?.programId ?? ''));
  return parsed.data;
}

/**
 * The platform team's admin API, behind the admin bearer token (Secrets Manager in AWS):
 *
 * - `POST /admin/programs` `{programId, displayName, partneroApiKey}`: register (or update) a
 *   program; 201 when new, 200 when it existed. Its Partnero webhook is found or created.
 * - `GET /admin/programs[?limit=25&after=<programId>]`: programs in id order, `{programs, nextAfter}`
 *   (names and dates, no secret); pass `nextAfter` as `after` for the next page, null on the last.
 * - `GET /admin/programs/{programId}`: the registration, connection and settings version.
 * - `DELETE /admin/programs/{programId}[?force=true]`: webhooks, Attio token and data removed.
 * - `POST /admin/programs/{programId}/settings-links` `{ttlSeconds?}`: a signed settings link.
 */
async function handle(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> {
  const secrets = await loadAppSecrets();
  const credential = checkAdminCredential(event.headers.authorization, secrets.adminApiToken);
  if (!credential.ok) {
    logger.warn('admin request refused', { status: credential.status, route: event.routeKey });
    const response = errorResponse(credential.status, credential.message);
    if (credential.status === 401)
      response.headers = { ...response.headers, 'www-authenticate': 'Bearer realm="partnero-attio-sync admin"' };
    return response;
  }
  switch (event.routeKey) {
    case 'POST /admin/programs': {
      const request = parseJsonBody(event, registerProgramRequestSchema);
      const result = await registerProgram(deps, request);
      logger.info('program registered', { programId: request.programId, created: result.created });
      return jsonResponse(result.created ? 201 : 200, result.program);
    }
    case 'GET /admin/programs': {
      const query = listProgramsQuerySchema.safeParse(event.queryStringParameters ?? {});
      if (!query.success)
        throw new ValidationError(
          'The query is not valid',
          query.error.issues.map((issue) => `${issue.path.join('.') || '(query)'}: ${issue.message}`),
        );
      return jsonResponse(200, await listPrograms(deps, query.data));
    }
    case 'GET /admin/programs/{programId}':
      return jsonResponse(200, await describeProgram(deps, programIdOf(event)));
    case 'DELETE /admin/programs/{programId}': {
      const programId = programIdOf(event);
      const removed = await removeProgram(deps, programId, { force: event.queryStringParameters?.force === 'true' });
      logger.info('program removed', {
        programId,
        itemsDeleted: removed.itemsDeleted,
        skipped: removed.skipped.length,
      });
      return jsonResponse(200, removed);
    }
    case 'POST /admin/programs/{programId}/settings-links': {
      const programId = programIdOf(event);
      const request = parseJsonBody(event, settingsLinkRequestSchema, { optional: true });
      await describeProgram(deps, programId);
      const { token, expiresAt } = mintSettingsLinkToken(programId, secrets.settingsLinkSigningKey, {
        ttlSeconds: request.ttlSeconds ?? SETTINGS_LINK_TTL_SECONDS,
      });
      return jsonResponse(201, {
        url: settingsLinkUrl(publicApiUrl, programId, token),
        expiresAt: expiresAt.toISOString(),
      });
    }
    default:
      return errorResponse(404, 'Not found');
  }
}

export const handler = httpHandler(handle, { failure: 'admin request failed', answer: jsonErrorResponse });
