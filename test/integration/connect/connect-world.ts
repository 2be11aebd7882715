import { sdkDocumentClient } from '../../../shared/aws/sdk-document-client';
import { randomBytes } from 'node:crypto';
import { startLocalStack, type LocalStack } from '../../../local/local-stack';
import { neededAttioScopes } from '../../../shared/connect/attio-scopes';
import { ProgramRepository } from '../../../shared/programs/program-repository';
import type { ProgramSettings } from '../../../shared/programs/program-settings';
import { OAuthStateStore } from '../../../shared/programs/oauth-state-store';
import { LocalTokenCipher } from '../../../shared/security/token-cipher';
import type { SyncTable } from '../../../shared/store/sync-table';
import { AuditLog } from '../../../shared/sync/audit-log';
import { startAttioSimulator, type AttioSimulator } from '../../../simulators/attio';
import { startPartneroSimulator, type PartneroSimulator } from '../../../simulators/partnero';
import { localAwsEndpoints, localDynamoDbClient } from '../../support/local-aws-clients';

/**
 * The connect-and-configure world: both simulators, the local stack serving the real admin,
 * OAuth and settings routes, and the stack's secrets known to the test, so it can act as the
 * platform team (admin token), as Partnero's app (settings-link key) and as a browser.
 */
export interface ConnectWorld {
  readonly stack: LocalStack;
  readonly attio: AttioSimulator;
  readonly partnero: PartneroSimulator;
  readonly secrets: {
    readonly adminToken: string;
    readonly signingKey: string;
    readonly clientId: string;
    readonly clientSecret: string;
    readonly localKey: string;
  };
  readonly table: SyncTable;
  readonly programs: ProgramRepository;
  readonly states: OAuthStateStore;
  readonly cipher: LocalTokenCipher;
  readonly audit: AuditLog;
  /** The Attio workspace the simulated user approves the app for. */
  readonly workspaceId: string;
  stop(): Promise<void>;
}

export interface ConnectWorldOptions {
  /** Run the sync workers too, for tests that follow an event past the settings (default: off). */
  readonly startWorkers?: boolean;
  /** Whether the workspace has Deals on (default on here; the simulator's own default is off, as in Attio). */
  readonly dealsEnabled?: boolean;
  /** The scopes configured on the Attio app (default: every scope the service declares it needs). */
  readonly appScopes?: readonly string[];
}

export async function startConnectWorld(options: ConnectWorldOptions = {}): Promise<ConnectWorld> {
  const secrets = {
    adminToken: randomBytes(24).toString('hex'),
    signingKey: randomBytes(32).toString('hex'),
    clientId: `client-${randomBytes(4).toString('hex')}`,
    clientSecret: randomBytes(24).toString('hex'),
    localKey: randomBytes(32).toString('base64'),
  };
  const [attio, partnero] = await Promise.all([
    startAttioSimulator({ deliveries: { retryDelaysMs: [100, 200], timeoutMs: 2_000 } }),
    startPartneroSimulator({ deliveries: { retryDelaysMs: [100, 200], timeoutMs: 2_000 } }),
  ]);
  const stack = await startLocalStack({
    ...localAwsEndpoints(),
    attioApiUrl: attio.url,
    attioAppUrl: attio.url,
    partneroApiUrl: partnero.url,
    startWorkers: options.startWorkers ?? false,
    environment: {
      LOCAL_TOKEN_ENCRYPTION_KEY: secrets.localKey,
      ATTIO_CLIENT_ID: secrets.clientId,
      ATTIO_CLIENT_SECRET: secrets.clientSecret,
      SETTINGS_LINK_SIGNING_KEY: secrets.signingKey,
      ADMIN_API_TOKEN: secrets.adminToken,
    },
  });
  const workspace = attio.control.createWorkspace({
    name: 'Acme Sales',
    dealsEnabled: options.dealsEnabled ?? true,
    members: [
      { first_name: 'Ada', last_name: 'Admin', email_address: 'ada@acme.example' },
      { first_name: 'Sam', last_name: 'Seller', email_address: 'sam@acme.example' },
    ],
  });
  attio.control.registerOAuthClient({
    clientId: secrets.clientId,
    clientSecret: secrets.clientSecret,
    redirectUris: [`${stack.apiUrl}/oauth/attio/callback`],
    workspaceId: workspace.id,
    scopes: options.appScopes ?? neededAttioScopes.map((needed) => needed.scope),
  });
  const raw = localDynamoDbClient();
  const table: SyncTable = { client: sdkDocumentClient(raw), tableName: stack.resources.syncTableName };
  return {
    stack,
    attio,
    partnero,
    secrets,
    table,
    programs: new ProgramRepository(table),
    states: new OAuthStateStore(table),
    cipher: new LocalTokenCipher(secrets.localKey),
    audit: new AuditLog(table),
    workspaceId: workspace.id,
    async stop() {
      await stack.stop();
      await Promise.all([attio.stop(), partnero.stop()]);
      raw.destroy();
    },
  };
}

export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  json<T = Record<string, unknown>>(): T;
  /** `name=value` of each Set-Cookie. */
  readonly setCookies: string[];
}

/** One HTTP call, redirects not followed, cookies sent as given. */
export async function call(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: unknown; cookies?: string[] } = {},
): Promise<Answer> {
  const method = init.method ?? 'GET';
  // A string is sent as it is (a form body, with its content-type among the headers).
  const body =
    init.body === undefined || method === 'GET' || method === 'HEAD'
      ? undefined
      : typeof init.body === 'string'
        ? init.body
        : JSON.stringify(init.body);
  const headers: Record<string, string> = { ...init.headers };
  if (init.cookies && init.cookies.length > 0) headers.cookie = init.cookies.join('; ');
  if (body !== undefined) headers['content-type'] ??= 'application/json';
  const response = await fetch(url, { method, headers, body, redirect: 'manual' });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    text,
    json: <T>() => JSON.parse(text) as T,
    setCookies: response.headers.getSetCookie().map((cookie) => cookie.split(';')[0] as string),
  };
}

export function admin(
  world: ConnectWorld,
  method: string,
  path: string,
  body?: unknown,
  token: string | null = world.secrets.adminToken,
): Promise<Answer> {
  return call(`${world.stack.apiUrl}${path}`, {
    method,
    body,
    headers: token === null ? {} : { authorization: `Bearer ${token}` },
  });
}

/** A Partnero program in the simulator, registered through the admin API. */
export async function registeredProgram(
  world: ConnectWorld,
  label = 'prog',
): Promise<{ programId: string; apiKey: string }> {
  const programId = `${label}-${randomBytes(4).toString('hex')}`;
  const apiKey = `pk_${randomBytes(12).toString('hex')}`;
  world.partnero.control.createProgram({ id: programId, apiKey });
  const answer = await admin(world, 'POST', '/admin/programs', {
    programId,
    displayName: `Program ${programId}`,
    partneroApiKey: apiKey,
  });
  if (answer.status !== 201) throw new Error(`register ${programId}: ${answer.status} ${answer.text}`);
  return { programId, apiKey };
}

/** A browser session for the program: mint a link (as the admin API), open it, keep the cookie. */
export async function openSession(
  world: ConnectWorld,
  programId: string,
): Promise<{ cookies: string[]; csrf: string }> {
  const link = (await admin(world, 'POST', `/admin/programs/${programId}/settings-links`, {})).json<{ url: string }>();
  const opened = await call(link.url);
  if (opened.status !== 303) throw new Error(`opening the link answered ${opened.status}`);
  const cookies = opened.setCookies;
  const page = await call(`${world.stack.apiUrl}/settings/${programId}`, { cookies });
  const csrf = /<meta name="csrf-token" content="([^"]+)">/.exec(page.text)?.[1];
  if (page.status !== 200 || !csrf) throw new Error(`the page answered ${page.status}`);
  return { cookies, csrf };
}

/**
 * The page's Connect (or Reconnect) form, as Chromium submits it: a POST with the CSRF token field,
 * `Origin: null` (the page's Referrer-Policy is no-referrer) and `Sec-Fetch-Site: same-origin`.
 */
export function submitConnectForm(
  apiUrl: string,
  programId: string,
  session: { cookies: string[]; csrf: string },
): Promise<Answer> {
  return call(`${apiUrl}/settings/${programId}/attio/connect`, {
    method: 'POST',
    cookies: session.cookies,
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'null', 'sec-fetch-site': 'same-origin' },
    body: new URLSearchParams({ csrf_token: session.csrf }).toString(),
  });
}

/** Connect with Attio as a browser does: the page's Connect form, the simulator's authorize (auto-approved), our callback. */
export async function connectAttio(
  world: ConnectWorld,
  programId: string,
  session: { cookies: string[]; csrf: string },
): Promise<Answer> {
  const start = await submitConnectForm(world.stack.apiUrl, programId, session);
  if (start.status !== 303) throw new Error(`connect answered ${start.status}: ${start.text}`);
  const authorize = await call(start.headers.get('location') as string);
  if (authorize.status !== 302) throw new Error(`authorize answered ${authorize.status}: ${authorize.text}`);
  return call(authorize.headers.get('location') as string, { cookies: start.setCookies });
}

export function settingsApi(world: ConnectWorld, programId: string, session: { cookies: string[]; csrf: string }) {
  const base = `${world.stack.apiUrl}/settings/${programId}/api`;
  const origin = new URL(world.stack.apiUrl).origin;
  return {
    get: (path: string) => call(`${base}${path}`, { cookies: session.cookies }),
    put: (path: string, body: unknown) =>
      call(`${base}${path}`, {
        method: 'PUT',
        body,
        cookies: session.cookies,
        headers: { 'x-csrf-token': session.csrf, origin },
      }),
    post: (path: string, body: unknown = {}) =>
      call(`${base}${path}`, {
        method: 'POST',
        body,
        cookies: session.cookies,
        headers: { 'x-csrf-token': session.csrf, origin },
      }),
  };
}

/**
 * The program manager's Save on the settings page, through the settings API: the stored
 * settings (defaults before the first Save), the won stage chosen when deals are on and Attio
 * has them (deals turned off when the workspace has none), then `adjust`. The first Save is
 * what starts the sync.
 */
export async function saveSettings(
  world: ConnectWorld,
  programId: string,
  session: { cookies: string[]; csrf: string },
  adjust?: (settings: ProgramSettings) => void,
): Promise<Answer> {
  const api = settingsApi(world, programId, session);
  const stored = (await api.get('/settings')).json<{ settings: ProgramSettings; version: number }>();
  const settings = stored.settings;
  const stages = (await api.get('/attio/deal-stages')).json<{
    available: boolean;
    stages: { id: string; title: string }[];
  }>();
  if (!stages.available) settings.deals.enabled = false;
  else settings.deals.wonStageId ??= stages.stages.find((stage) => /^Won/.test(stage.title))?.id ?? null;
  adjust?.(settings);
  return api.put('/settings', { version: stored.version, settings });
}

/** Connect with Attio, then the first Save: a program whose sync runs, as a program manager leaves it. */
export async function connectAndSave(
  world: ConnectWorld,
  programId: string,
  session: { cookies: string[]; csrf: string },
  adjust?: (settings: ProgramSettings) => void,
): Promise<Answer> {
  const connected = await connectAttio(world, programId, session);
  if (connected.status !== 303 || !connected.headers.get('location')?.endsWith('?connected=1'))
    throw new Error(`connect answered ${connected.status} ${connected.headers.get('location') ?? ''}`);
  const saved = await saveSettings(world, programId, session, adjust);
  if (saved.status !== 200) throw new Error(`the first Save answered ${saved.status}: ${saved.text}`);
  return saved;
}
