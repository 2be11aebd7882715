import { startConnectWorld, type ConnectWorld } from '../connect/connect-world';

/**
 * The connect world with the sync workers running, so a page test can save settings and then
 * watch the next Partnero event go through them into Attio and into the sync history. The
 * connect harness's helpers (register, open a session, connect, call the settings API) work on it.
 */
export type SettingsWorld = ConnectWorld;

export function startSettingsWorld(): Promise<SettingsWorld> {
  return startConnectWorld({ startWorkers: true });
}
