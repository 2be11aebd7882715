import { createPartneroClient, type PartneroClient } from '../../../shared/partnero/partnero-client';
import {
  startPartneroSimulator,
  type PartneroSimulator,
  type PartneroSimulatorOptions,
} from '../../../simulators/partnero/partnero-simulator';

/** Fast retry schedule so delivery tests take milliseconds. */
export const fastDeliveries = { retryDelaysMs: [20, 40, 80], timeoutMs: 300 };

export const programId = 'program_1';
export const apiKey = 'pk_test_program_1';

export interface SimulatorWorld {
  simulator: PartneroSimulator;
  client: PartneroClient;
}

/**
 * One simulator per test file, emptied before each test and given one affiliate program (30 %
 * commission, the docs' example rate) and a client holding that program's key.
 */
export function useSimulator(options: PartneroSimulatorOptions = {}): SimulatorWorld {
  const world = {} as SimulatorWorld;
  beforeAll(async () => {
    world.simulator = await startPartneroSimulator({ deliveries: fastDeliveries, ...options });
  });
  beforeEach(async () => {
    await world.simulator.control.reset();
    world.simulator.control.configureDeliveries(fastDeliveries);
    world.simulator.control.createProgram({ id: programId, apiKey, commissionPercent: 30 });
    world.client = clientFor(world.simulator, apiKey);
  });
  afterAll(async () => {
    await world.simulator?.stop();
  });
  return world;
}

export function clientFor(simulator: PartneroSimulator, key: string, timeoutMs = 2_000): PartneroClient {
  return createPartneroClient({ apiUrl: simulator.url, apiKey: key, timeoutMs });
}

/** A raw call to the simulated API, for request shapes the typed client does not send. */
export async function rawCall(
  simulator: PartneroSimulator,
  method: string,
  path: string,
  body?: unknown,
  key = apiKey,
) {
  const response = await fetch(`${simulator.url}/v1${path}`, {
    method,
    headers: {
      authorization: `Bearer ${key}`,
      accept: 'application/json',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return {
    status: response.status,
    headers: response.headers,
    json: (await response.json()) as Record<string, unknown> & { data?: unknown; message?: string },
  };
}

export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}
