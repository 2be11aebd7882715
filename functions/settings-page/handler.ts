import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import * as z from 'zod';
import { ENV } from '../../shared/config/environment-names';
import { httpUrl, readEnvironment } from '../../shared/config/read-environment';
import { httpHandler } from '../../shared/http/http-handler';
import { logger } from '../../shared/observability/powertools';
import { ProgramRepository } from '../../shared/programs/program-repository';
import { loadAppSecrets } from '../../shared/security/app-secrets';
import { htmlResponse, messagePage, redirectResponse } from '../../shared/settings/html-responses';
import { guardOpenSettingsSession, programIdPattern, sessionRefusal } from '../../shared/settings/settings-route-guard';
import { SettingsSessionStore } from '../../shared/settings/settings-session-store';
import {
  cookiesMustBeSecure,
  csrfTokenFor,
  exchangeSettingsLink,
  sessionCookieHeader,
  settingsPathPrefix,
} from '../../shared/settings/settings-session';
import { syncTable } from '../../shared/store/sync-table';
import { assetResponse, pageAssets } from './page-assets';
import { flashFor, renderSettingsPage } from './page-html';

// Its own schema, not readFunctionEnvironment(): the shared reader costs ~3 kB here and this bundle's budget
// (test/infra/bundling.test.ts) has less left. The local stack still gives it only its catalog entry's variables.
const environment = readEnvironment(
  z.object({
    [ENV.syncTableName]: z.string().min(1),
    [ENV.publicApiUrl]: httpUrl,
    [ENV.attioAppUrl]: httpUrl,
  }),
);
/** The Connect form's POST ends in a redirect to Attio's authorize page, which the CSP's form-action must allow. */
const attioAppOrigin = new URL(environment[ENV.attioAppUrl]).origin;

const publicApiUrl = environment[ENV.publicApiUrl];
const secureCookies = cookiesMustBeSecure(publicApiUrl);
const table = syncTable(environment[ENV.syncTableName]);
const programs = new ProgramRepository(table);
const sessions = new SettingsSessionStore(table);

/**
 * `GET /settings/{programId}`: with `?token=` (a signed settings link) it trades the link for a
 * session cookie and redirects to the same URL without the token; without, it needs that
 * cookie and renders the page. `GET /settings/{programId}/assets/{asset}` serves the page's
 * script and stylesheet, behind the same cookie.
 */
async function page(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> {
  const programId = event.pathParameters?.programId ?? '';
  if (!programIdPattern.test(programId)) return messagePage(404, 'Not found', 'There is no such program.');
  const secrets = await loadAppSecrets();
  const query = event.queryStringParameters ?? {};

  if (query.token !== undefined) {
    const exchange = exchangeSettingsLink(programId, query.token, secrets.settingsLinkSigningKey);
    if (!exchange.ok) {
      logger.warn('settings link refused', { programId, reason: exchange.reason });
      const { title, message } = sessionRefusal(exchange.reason);
      return messagePage(exchange.status, title, message);
    }
    // A link opens one session only: forwarded, leaked in a log or replayed, it opens nothing more.
    if (!(await sessions.redeemLink(programId, query.token, exchange.linkExpiresAt))) {
      logger.warn('settings link refused', { programId, reason: 'used' });
      const { title, message } = sessionRefusal('used');
      return messagePage(401, title, message);
    }
    await sessions.open(exchange.session);
    logger.info('settings session opened', { programId });
    return redirectResponse(settingsPathPrefix(programId), [
      sessionCookieHeader(exchange.token, exchange.session, secureCookies),
    ]);
  }

  const guard = await guardOpenSettingsSession(event, secrets.settingsLinkSigningKey, sessions, { publicApiUrl });
  if (!guard.ok) return messagePage(guard.status, guard.title, guard.message);
  const [registration, connection, stored] = await Promise.all([
    programs.getRegistration(programId),
    programs.getAttioConnection(programId),
    programs.getSettings(programId),
  ]);
  if (!registration)
    return messagePage(404, 'Program not found', 'This program is not registered with the Attio integration.');

  const prefix = settingsPathPrefix(programId);
  const html = renderSettingsPage({
    bootstrap: {
      programId,
      displayName: registration.displayName,
      apiBase: `${prefix}/api`,
      connectUrl: `${prefix}/attio/connect`,
      connected: connection !== undefined,
      workspaceName: connection?.workspaceName ?? null,
      connectedAt: connection?.connectedAt ?? null,
      settings: stored.settings,
      version: stored.version,
      updatedAt: stored.updatedAt,
    },
    csrfToken: csrfTokenFor(guard.session, secrets.settingsLinkSigningKey),
    stylesheetUrl: `${prefix}/assets/${pageAssets.stylesheet.name}`,
    scriptUrl: `${prefix}/assets/${pageAssets.script.name}`,
    flash: flashFor(query),
  });
  return htmlResponse(200, html, { formActionOrigins: [attioAppOrigin] });
}

async function asset(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> {
  const secrets = await loadAppSecrets();
  const guard = await guardOpenSettingsSession(event, secrets.settingsLinkSigningKey, sessions, { publicApiUrl });
  if (!guard.ok) return messagePage(guard.status, guard.title, guard.message);
  return (
    assetResponse(event.pathParameters?.asset ?? '', event.headers['accept-encoding']) ??
    messagePage(404, 'Not found', 'There is no such file.')
  );
}

async function handle(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> {
  switch (event.routeKey) {
    case 'GET /settings/{programId}':
      return page(event);
    case 'GET /settings/{programId}/assets/{asset}':
      return asset(event);
    default:
      return messagePage(404, 'Not found', 'There is nothing here.');
  }
}

export const handler = httpHandler(handle, {
  failure: 'settings page failed',
  answer: () => messagePage(500, 'Something went wrong', 'The settings could not be shown. Try again in a moment.'),
});
