import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { ENV } from '../../shared/config/environment-names';
import { readFunctionEnvironment } from '../../shared/config/function-environment';
import { attioAccess } from '../../shared/connect/attio-access';
import { MissingAttioScopesError } from '../../shared/connect/attio-workspace-check';
import { completeAttioConnect, startAttioConnect, type ConnectDependencies } from '../../shared/connect/attio-connect';
import { httpStatusOf, publicMessageOf } from '../../shared/http/http-errors';
import { ProgramNotFoundError, ProviderRefusedError, RetryableError } from '../../shared/errors';
import { httpHandler } from '../../shared/http/http-handler';
import {
  clearOauthBrowserCookie,
  describeStateRefusal,
  judgeStoredState,
  OAUTH_BROWSER_COOKIE,
  oauthBrowserCookie,
  precheckCallback,
} from '../../shared/connect/oauth-state-rules';
import { settingsPageUrl } from '../../shared/connect/webhook-targets';
import { logger } from '../../shared/observability/powertools';
import { OAUTH_STATE_TTL_SECONDS, OAuthStateStore } from '../../shared/programs/oauth-state-store';
import { ProgramRepository } from '../../shared/programs/program-repository';
import { attioClientCredentials, loadAppSecrets } from '../../shared/security/app-secrets';
import { tokenCipherFromEnvironment } from '../../shared/security/token-cipher';
import { messagePage, redirectResponse } from '../../shared/settings/html-responses';
import { readFormField } from '../../shared/http/form-body';
import { guardOpenSettingsSession } from '../../shared/settings/settings-route-guard';
import { SettingsSessionStore } from '../../shared/settings/settings-session-store';
import { cookiesMustBeSecure, cookieValues } from '../../shared/settings/settings-session';
import { syncTable } from '../../shared/store/sync-table';
import { AuditLog } from '../../shared/sync/audit-log';

const environment = readFunctionEnvironment();

const publicApiUrl = environment[ENV.publicApiUrl];
const secureCookies = cookiesMustBeSecure(publicApiUrl);
const table = syncTable(environment[ENV.syncTableName]);
const sessions = new SettingsSessionStore(table);
const deps: ConnectDependencies = {
  programs: new ProgramRepository(table),
  cipher: tokenCipherFromEnvironment(),
  states: new OAuthStateStore(table),
  audit: new AuditLog(table),
  attio: attioAccess(environment[ENV.attioApiUrl], environment[ENV.attioAppUrl], attioClientCredentials),
  publicApiUrl,
};

/**
 * `POST /settings/{programId}/attio/connect` (the page's Connect / Reconnect form): an open settings
 * session and the page's CSRF token in the form's `csrf_token` field, from our own origin; then a
 * single-use state bound to the program and to this browser, and 303 to Attio's authorize page.
 * A POST, not a link: another site could make a browser follow a GET, cookie and all (SameSite=Lax),
 * and so replace the program's Attio connection with a workspace of the attacker's choosing.
 */
async function startConnect(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> {
  const secrets = await loadAppSecrets();
  const guard = await guardOpenSettingsSession(event, secrets.settingsLinkSigningKey, sessions, {
    write: true,
    publicApiUrl,
    formCsrfToken: readFormField(event, 'csrf_token'),
  });
  if (!guard.ok) return messagePage(guard.status, guard.title, guard.message);
  const { authorizeUrl, state } = await startAttioConnect(deps, guard.programId);
  logger.info('attio connect started', { programId: guard.programId });
  // 303: the browser follows a POST's redirect with a GET.
  return redirectResponse(authorizeUrl, [oauthBrowserCookie(state.nonce, OAUTH_STATE_TTL_SECONDS, secureCookies)], 303);
}

/**
 * `GET /oauth/attio/callback?code&state`: the state must be present, started in this browser,
 * known, unused and fresh (see oauth-state-rules.ts); then the connect completes server-side
 * and the browser goes back to the program's settings page.
 */
async function callback(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> {
  const query = event.queryStringParameters ?? {};
  const clearCookie = [clearOauthBrowserCookie(secureCookies)];
  const precheck = precheckCallback({
    state: query.state,
    code: query.code,
    providerError: query.error,
    browserStates: cookieValues(event.cookies, OAUTH_BROWSER_COOKIE),
  });
  if (!precheck.ok) return refuse(precheck.reason);
  const verdict = judgeStoredState(await deps.states.consume(precheck.state));
  if (!verdict.ok) return refuse(verdict.reason);
  const { programId } = verdict;
  const back = settingsPageUrl(publicApiUrl, programId);

  if (query.error) {
    logger.info('attio connect declined', { programId, error: query.error.slice(0, 64) });
    return redirectResponse(
      `${back}?connect_error=${encodeURIComponent(query.error === 'access_denied' ? 'denied' : 'attio')}`,
      clearCookie,
    );
  }
  try {
    const connected = await completeAttioConnect(deps, programId, query.code as string);
    logger.info('attio connected', {
      programId,
      workspaceId: connected.workspaceId,
      replacedWebhooks: connected.replacedWebhooks.length,
      missingObjects: connected.missingObjects,
      missingScopes: connected.missingScopes,
      syncRunning: connected.syncRunning,
    });
    return redirectResponse(`${back}?connected=1`, clearCookie);
  } catch (error) {
    if (error instanceof ProgramNotFoundError)
      return messagePage(404, 'Program not found', 'This program is no longer registered.');
    logger.error('attio connect failed', {
      programId,
      error: error instanceof Error ? error.name : 'unknown',
      status: httpStatusOf(error),
    });
    // A fixed code, not the message: nothing attacker-written ever reaches the page through the URL.
    const code =
      error instanceof MissingAttioScopesError
        ? 'scopes'
        : error instanceof ProviderRefusedError
          ? 'refused'
          : error instanceof RetryableError
            ? 'unavailable'
            : 'failed';
    return redirectResponse(`${back}?connect_error=${code}`, clearCookie);
  }
}

function refuse(reason: Parameters<typeof describeStateRefusal>[0]): APIGatewayProxyStructuredResultV2 {
  const { status, message } = describeStateRefusal(reason);
  logger.warn('oauth callback refused', { reason });
  return messagePage(status, 'Could not connect Attio', message);
}

async function handle(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> {
  switch (event.routeKey) {
    case 'POST /settings/{programId}/attio/connect':
      return startConnect(event);
    case 'GET /oauth/attio/callback':
      return callback(event);
    default:
      return messagePage(404, 'Not found', 'There is nothing here.');
  }
}

export const handler = httpHandler(handle, {
  failure: 'oauth route failed',
  answer: (error) =>
    messagePage(httpStatusOf(error) === 404 ? 404 : 500, 'Something went wrong', publicMessageOf(error)),
});
