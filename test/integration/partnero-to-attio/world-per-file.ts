import { startCaptureServer, startSyncWorld, type SyncWorld, type SyncWorldOptions } from './sync-world';

export interface WorldPerFileOptions extends SyncWorldOptions {
  /** Runs on the world just before it stops, e.g. to put a simulator setting back. */
  readonly beforeStop?: (world: SyncWorld) => void;
}

/**
 * The sync world of one describe block: started before its tests, stopped after them. Jest runs
 * a block's hooks in the order they are declared, so a block's own `beforeAll` declared before
 * this call runs before the world starts, and an `afterAll` declared after it runs once it stopped.
 */
export function partneroToAttioWorld(options: WorldPerFileOptions = {}): SyncWorld {
  const { beforeStop, ...worldOptions } = options;
  return startedForTheBlock(
    'sync world',
    () => startSyncWorld(worldOptions),
    async (world) => {
      beforeStop?.(world);
      await world.stop();
    },
  );
}

/** A loopback capture server (see `startCaptureServer`) for one describe block's tests. */
export function captureServerForTheBlock(): Awaited<ReturnType<typeof startCaptureServer>> {
  return startedForTheBlock('capture server', startCaptureServer, (server) => server.stop());
}

/**
 * Something a describe block's `beforeAll` starts and its `afterAll` stops. It is returned before it
 * exists, so the tests read it through a view that forwards to it once started.
 */
function startedForTheBlock<T extends object>(
  what: string,
  start: () => Promise<T>,
  stop: (started: T) => Promise<void>,
): T {
  let started: T | undefined;
  beforeAll(async () => {
    started = await start();
  });
  afterAll(async () => {
    if (started) await stop(started);
  });
  return new Proxy({} as T, {
    get(_target, key) {
      if (!started) throw new Error(`the ${what} is read before its beforeAll started it`);
      return Reflect.get(started, key) as unknown;
    },
  });
}
