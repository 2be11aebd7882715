import { FaultInjector } from '../partnero/server/fault-injector';
import { startJsonServer } from '../partnero/server/json-http-server';
import { RequestCounter } from '../partnero/server/request-counter';
import { createAttioApi } from './api/attio-api';
import { createAttioControl, type AttioControl } from './control/attio-control';
import { controlBasePath, createControlHandler } from './control/control-routes';
import { AttioWorld } from './model/attio-world';
import { AttioRateLimiter, documentedRateLimits, type AttioRateLimits } from './model/rate-limiter';
import { attioRetrySchedule, AttioWebhooks, type DeliverySchedule } from './webhooks/attio-webhooks';

export interface AttioSimulatorOptions {
  /** Default 0: a free port. Only ever listens on 127.0.0.1. */
  readonly port?: number;
  /** Default: Attio's documented 100 reads/s and 25 writes/s per workspace. */
  readonly rateLimits?: AttioRateLimits;
  /** Webhook retry schedule; Attio's is about 3 days, tests use milliseconds. */
  readonly deliveries?: Partial<DeliverySchedule>;
  /** Attio requires https webhook targets; the local stack is http, so this defaults to true here. */
  readonly allowHttpTargets?: boolean;
  /** The actor type of writes made with a token: `api-token` (default, what Attio's actors page documents) or `app`. */
  readonly tokenActorType?: 'api-token' | 'app';
  /** Whether workspaces start with the Deals object on; default off, as in Attio (see AttioWorld). */
  readonly dealsEnabled?: boolean;
}

export interface AttioSimulator {
  /** Serves both hosts: use it as ATTIO_API_URL (`/v2/...`) and ATTIO_APP_URL (`/authorize`, `/oauth/...`). */
  readonly url: string;
  readonly control: AttioControl;
  stop(): Promise<void>;
}

/** Starts an Attio simulator (see `shared/reference/attio-api.md`) with one workspace and one member. */
export async function startAttioSimulator(options: AttioSimulatorOptions = {}): Promise<AttioSimulator> {
  const webhooks = new AttioWebhooks(
    { ...attioRetrySchedule, ...options.deliveries },
    options.allowHttpTargets ?? true,
  );
  const world = new AttioWorld((workspaceId, event) => webhooks.publish(workspaceId, event), {
    tokenActorType: options.tokenActorType,
    dealsEnabled: options.dealsEnabled,
  });
  const faults = new FaultInjector();
  const counter = new RequestCounter();
  const rateLimiter = new AttioRateLimiter(options.rateLimits ?? documentedRateLimits);
  const control = createAttioControl({
    world,
    webhooks,
    faults,
    counter,
    rateLimiter,
    seed: () => world.createWorkspace().id,
  });
  const api = createAttioApi({ world, webhooks }, { faults, counter, rateLimiter });
  const controlApi = createControlHandler(control);
  const server = await startJsonServer(async (request) => {
    const path = request.url.pathname;
    return path === controlBasePath || path.startsWith(`${controlBasePath}/`) ? controlApi(request) : api(request);
  }, options.port ?? 0);
  return {
    url: server.url,
    control,
    async stop() {
      await webhooks.reset();
      await server.stop();
    },
  };
}
