import { createApiHandler, apiBasePath } from './api/api-handler';
import { controlBasePath, createControlHandler } from './control/control-routes';
import { createPartneroControl, type PartneroControl } from './control/partnero-control';
import type { Clock } from './model/clock';
import { PartneroWorld, type NewProgram } from './model/partnero-world';
import { RateLimiter, type RateLimit } from './rate-limiter';
import { FaultInjector } from './server/fault-injector';
import { startJsonServer } from './server/json-http-server';
import { RequestCounter } from './server/request-counter';
import { createEventDispatcher } from './webhooks/event-dispatcher';
import { defaultDeliveryOptions, WebhookDeliverer, type DeliveryOptions } from './webhooks/webhook-deliverer';

export interface PartneroSimulatorOptions {
  /** Default 0: a free port. The simulator only ever listens on 127.0.0.1. */
  readonly port?: number;
  /** Programs to create at start, e.g. `{ apiKey: 'pk_local', commissionPercent: 20 }`. */
  readonly programs?: readonly NewProgram[];
  /** Requests per window per API key before 429; unlimited when left out (Partnero publishes no number). */
  readonly rateLimit?: RateLimit;
  /** Webhook retry schedule and answer timeout; defaults 1 s, 5 s, 30 s, 2 min, 10 min and 5 s. */
  readonly deliveries?: Partial<DeliveryOptions>;
  readonly clock?: Clock;
}

export interface PartneroSimulator {
  /** The origin, e.g. `http://127.0.0.1:4321`; the API is under `${url}/v1`, the control surface under `${url}/__sim`. */
  readonly url: string;
  readonly control: PartneroControl;
  stop(): Promise<void>;
}

/** Starts a Partnero API simulator (see `shared/reference/partnero-api.md`) on loopback. */
export async function startPartneroSimulator(options: PartneroSimulatorOptions = {}): Promise<PartneroSimulator> {
  const clock = options.clock ?? (() => new Date());
  const deliverer = new WebhookDeliverer(defaultDeliveryOptions);
  deliverer.configure(options.deliveries ?? {});
  // The world announces events; the dispatcher reads the world's webhooks to address them.
  const world: PartneroWorld = new PartneroWorld(
    clock,
    createEventDispatcher(deliverer, clock, (programId) => world.program(programId).webhooks),
  );
  const faults = new FaultInjector();
  const counter = new RequestCounter();
  const rateLimiter = new RateLimiter(options.rateLimit);
  const control = createPartneroControl({ world, deliverer, faults, counter, rateLimiter });
  for (const program of options.programs ?? []) control.createProgram(program);

  const api = createApiHandler({ world, faults, counter, rateLimiter });
  const controlApi = createControlHandler(control);
  const server = await startJsonServer(async (request) => {
    const path = request.url.pathname;
    if (path === controlBasePath || path.startsWith(`${controlBasePath}/`)) return controlApi(request);
    if (path === apiBasePath || path.startsWith(`${apiBasePath}/`)) return api(request);
    return { kind: 'json', status: 404, body: { message: 'Not found' } };
  }, options.port ?? 0);

  return {
    url: server.url,
    control,
    async stop() {
      await deliverer.reset();
      await server.stop();
    },
  };
}
