import type { SyncDirection } from '../shared/queue/sync-queues';

/**
 * Every Lambda of the service, in one list read by both the CDK stack and the local stack,
 * so a route or a worker cannot exist in one and be missing from the other.
 */
export interface HttpRoute {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
  readonly path: string;
}

/**
 * What a function touches, so the stack can grant exactly that and nothing more.
 * Each environment variable in `shared/config/environment-names.ts` follows from these.
 */
export interface FunctionNeeds {
  /** The sync table (programs, connections, settings, links, audit). */
  readonly syncTable?: 'read' | 'read-write';
  /** Queues it sends to. */
  readonly sendsTo?: readonly SyncDirection[];
  /** Dead-letter queues it counts (status panel), peeks at (replay dry run) or redrives (replay). */
  readonly deadLetterQueues?: 'count' | 'read' | 'redrive';
  /**
   * A queue worker's own direction's DLQ, which it sends to: on a message's last receive the
   * worker moves it there itself, with the reason it failed (SQS's redrive cannot say why).
   * It also reads its queue's redrive policy (GetQueueAttributes, part of consuming the queue).
   */
  readonly ownDeadLetterQueue?: 'send';
  /** The app-level secret (Attio client credentials, settings-link key, admin credential). */
  readonly appSecrets?: boolean;
  /** The KMS key that protects tokens and API keys at rest. */
  readonly tokenKey?: 'decrypt' | 'encrypt-decrypt';
  /**
   * Only ciphertexts of these purposes (the `purpose` of the encryption context the cipher binds):
   * a function that needs a program's webhook secret cannot decrypt its access token or API key.
   * Unset: every purpose.
   */
  readonly tokenPurposes?: readonly ('partnero-webhook-secret' | 'attio-webhook-secret')[];
  /** Calls to Attio and/or Partnero over HTTPS (their base URLs are set in its environment). */
  readonly providers?: readonly ('attio' | 'partnero')[];
  /** Builds absolute links to this service (OAuth redirect, webhook targets, settings links): sets PUBLIC_API_URL. */
  readonly publicApiUrl?: boolean;
  /**
   * Reads Attio webhook deliveries: it deduplicates their record events per window of the stage's
   * `attioEventWindowSeconds` (shared/attio-to-partnero/attio-event-deduplication.ts), sets
   * ATTIO_EVENT_WINDOW_SECONDS. Only with `sendsTo` attio-to-partnero, whose delay is the same window.
   */
  readonly attioEventWindow?: boolean;
  /** Lambda timeout in seconds; default 10 for http functions (API Gateway gives up at 30), 60 for queue workers. */
  readonly timeoutSeconds?: number;
  /** Lambda memory in MB (CPU scales with it); default 512. */
  readonly memorySize?: number;
}

export interface HttpFunctionDefinition {
  readonly kind: 'http';
  readonly name: string;
  /** Path of the handler module from the project root; it exports `handler`. */
  readonly entry: string;
  readonly routes: readonly HttpRoute[];
  readonly needs: FunctionNeeds;
  readonly description: string;
}

export interface QueueWorkerDefinition {
  readonly kind: 'queue-worker';
  readonly name: string;
  readonly entry: string;
  readonly direction: SyncDirection;
  readonly needs: FunctionNeeds;
  readonly description: string;
}

/** A function EventBridge invokes on a fixed rate in AWS; the local stack runs it on a timer when asked. */
export interface ScheduledFunctionDefinition {
  readonly kind: 'scheduled';
  readonly name: string;
  readonly entry: string;
  /** EventBridge rate, in minutes. */
  readonly everyMinutes: number;
  /** The local stack's timer, in seconds, when scheduled functions run locally (`npm start`). */
  readonly localEverySeconds: number;
  readonly needs: FunctionNeeds;
  readonly description: string;
}

export type FunctionDefinition = HttpFunctionDefinition | QueueWorkerDefinition | ScheduledFunctionDefinition;

/**
 * Both directions' workers need the same: the sync table, the token key to decrypt each program's
 * credentials, both providers (a worker reads the side it syncs from and writes the other), and
 * their own DLQ.
 */
const queueWorkerNeeds: FunctionNeeds = {
  syncTable: 'read-write',
  tokenKey: 'decrypt',
  providers: ['attio', 'partnero'],
  ownDeadLetterQueue: 'send',
};

export const serviceFunctions: readonly FunctionDefinition[] = [
  {
    kind: 'http',
    name: 'health',
    entry: 'functions/health/handler.ts',
    routes: [{ method: 'GET', path: '/health' }],
    needs: {},
    description: 'Liveness probe of the API',
  },
  {
    kind: 'http',
    name: 'partnero-webhook',
    entry: 'functions/partnero-webhook/handler.ts',
    routes: [{ method: 'POST', path: '/webhooks/partnero/{programId}' }],
    needs: {
      syncTable: 'read-write',
      sendsTo: ['partnero-to-attio'],
      tokenKey: 'decrypt',
      tokenPurposes: ['partnero-webhook-secret'],
    },
    description:
      'Partnero webhooks: verify the signature, enqueue for the Partnero -> Attio worker, park what it cannot read',
  },
  {
    kind: 'queue-worker',
    name: 'partnero-to-attio-worker',
    entry: 'functions/partnero-to-attio-worker/handler.ts',
    direction: 'partnero-to-attio',
    needs: queueWorkerNeeds,
    description: 'Applies Partnero partner, customer and transaction events to Attio records and deals',
  },
  {
    kind: 'http',
    name: 'attio-webhook',
    entry: 'functions/attio-webhook/handler.ts',
    routes: [{ method: 'POST', path: '/webhooks/attio/{programId}' }],
    needs: {
      syncTable: 'read-write',
      sendsTo: ['attio-to-partnero'],
      attioEventWindow: true,
      tokenKey: 'decrypt',
      tokenPurposes: ['attio-webhook-secret'],
    },
    description:
      'Attio webhooks: verify Attio-Signature, enqueue each record event for the Attio -> Partnero worker, park what it cannot read',
  },
  {
    kind: 'queue-worker',
    name: 'attio-to-partnero-worker',
    entry: 'functions/attio-to-partnero-worker/handler.ts',
    direction: 'attio-to-partnero',
    needs: queueWorkerNeeds,
    description:
      'Attio -> Partnero: a won deal pays its commission exactly once (claim before the call), people update customers',
  },
  {
    kind: 'http',
    name: 'admin-programs',
    entry: 'functions/admin-programs/handler.ts',
    routes: [
      { method: 'POST', path: '/admin/programs' },
      { method: 'GET', path: '/admin/programs' },
      { method: 'GET', path: '/admin/programs/{programId}' },
      { method: 'DELETE', path: '/admin/programs/{programId}' },
      { method: 'POST', path: '/admin/programs/{programId}/settings-links' },
    ],
    needs: {
      syncTable: 'read-write',
      appSecrets: true,
      tokenKey: 'encrypt-decrypt',
      providers: ['attio', 'partnero'],
      publicApiUrl: true,
      timeoutSeconds: 20,
    },
    description:
      'Admin API (admin bearer token): register a program and its Partnero webhook, list, describe, remove, mint settings links',
  },
  {
    kind: 'http',
    name: 'oauth-attio',
    entry: 'functions/oauth-attio/handler.ts',
    routes: [
      { method: 'POST', path: '/settings/{programId}/attio/connect' },
      { method: 'GET', path: '/oauth/attio/callback' },
    ],
    needs: {
      syncTable: 'read-write',
      appSecrets: true,
      tokenKey: 'encrypt-decrypt',
      providers: ['attio'],
      publicApiUrl: true,
      timeoutSeconds: 25,
    },
    description:
      'Connect with Attio: single-use OAuth state, code exchange, read-only workspace check ' +
      '(scopes, objects); a reconnect of a syncing program also sets up the new webhook',
  },
  {
    kind: 'http',
    name: 'settings-page',
    entry: 'functions/settings-page/handler.ts',
    routes: [
      { method: 'GET', path: '/settings/{programId}' },
      { method: 'GET', path: '/settings/{programId}/assets/{asset}' },
    ],
    // read-write: redeeming a link (once only) and opening its session are writes.
    // attio: its app origin, where the Connect form's redirect leads (the page's CSP form-action).
    needs: { syncTable: 'read-write', appSecrets: true, publicApiUrl: true, providers: ['attio'] },
    description:
      'Settings page: trades a signed settings link for a session cookie, renders the page and serves its script and stylesheet',
  },
  {
    kind: 'http',
    name: 'settings-api',
    entry: 'functions/settings-api/handler.ts',
    routes: [
      { method: 'GET', path: '/settings/{programId}/api/settings' },
      { method: 'PUT', path: '/settings/{programId}/api/settings' },
      { method: 'GET', path: '/settings/{programId}/api/attio/objects' },
      { method: 'GET', path: '/settings/{programId}/api/attio/attributes' },
      { method: 'GET', path: '/settings/{programId}/api/attio/deal-stages' },
      { method: 'GET', path: '/settings/{programId}/api/attio/members' },
      { method: 'GET', path: '/settings/{programId}/api/status' },
      { method: 'GET', path: '/settings/{programId}/api/history' },
      { method: 'POST', path: '/settings/{programId}/api/attio/disconnect' },
      { method: 'POST', path: '/settings/{programId}/api/needs-attention/retry' },
      { method: 'POST', path: '/settings/{programId}/api/preview' },
    ],
    needs: {
      syncTable: 'read-write',
      // Retry on the Status tab puts a record back on its sync queue.
      sendsTo: ['partnero-to-attio', 'attio-to-partnero'],
      appSecrets: true,
      // encrypt: the first Save creates the Attio webhook and stores its secret.
      tokenKey: 'encrypt-decrypt',
      providers: ['attio', 'partnero'],
      publicApiUrl: true,
      timeoutSeconds: 20,
    },
    description:
      'JSON API of the settings page (session + CSRF): settings (the first Save starts the ' +
      'sync), live Attio lists, status panel (with Needs attention and its Retry), mapping ' +
      'preview, sync history, disconnect',
  },
  {
    kind: 'http',
    name: 'backfill-api',
    entry: 'functions/backfill-api/handler.ts',
    routes: [
      { method: 'POST', path: '/admin/programs/{programId}/backfill' },
      { method: 'GET', path: '/admin/programs/{programId}/backfill' },
      { method: 'POST', path: '/settings/{programId}/api/backfill' },
      { method: 'GET', path: '/settings/{programId}/api/backfill' },
    ],
    needs: { syncTable: 'read-write', appSecrets: true, publicApiUrl: true },
    description: 'Backfill on demand (admin token or settings session): start a backfill, read its progress',
  },
  {
    kind: 'scheduled',
    name: 'backfill-runner',
    entry: 'functions/backfill-runner/handler.ts',
    everyMinutes: 1,
    localEverySeconds: 5,
    needs: {
      syncTable: 'read-write',
      tokenKey: 'decrypt',
      providers: ['partnero'],
      sendsTo: ['partnero-to-attio'],
      timeoutSeconds: 120,
    },
    description:
      'Backfill runner: pages Partnero from each running backfill checkpoint and enqueues the records for the Partnero -> Attio worker',
  },
  {
    kind: 'scheduled',
    name: 'reconciliation',
    entry: 'functions/reconciliation/handler.ts',
    everyMinutes: 360,
    localEverySeconds: 300,
    needs: {
      syncTable: 'read-write',
      tokenKey: 'decrypt',
      providers: ['attio', 'partnero'],
      sendsTo: ['partnero-to-attio', 'attio-to-partnero'],
      timeoutSeconds: 900,
      memorySize: 1024,
    },
    description:
      'Reconciliation: compares Partnero, Attio, links and commission claims per program and enqueues the events missed webhooks would have brought',
  },
  {
    kind: 'scheduled',
    name: 'partner-performance',
    entry: 'functions/partner-performance/handler.ts',
    // Hourly checks; each program is queued only when its own refresh interval (daily by default) is due.
    everyMinutes: 60,
    localEverySeconds: 300,
    needs: { syncTable: 'read-write', sendsTo: ['partnero-to-attio'], timeoutSeconds: 120 },
    description:
      "Partner figures: queues each program's linked partners for the Partnero -> Attio worker when their refresh is due; only changed figures are written",
  },
];

export const httpFunctions = serviceFunctions.filter(
  (definition): definition is HttpFunctionDefinition => definition.kind === 'http',
);
export const queueWorkers = serviceFunctions.filter(
  (definition): definition is QueueWorkerDefinition => definition.kind === 'queue-worker',
);
export const scheduledFunctions = serviceFunctions.filter(
  (definition): definition is ScheduledFunctionDefinition => definition.kind === 'scheduled',
);
