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

/** The program's Partnero partner Pat, and the customer Ada (cust-ada, ada@buyers.test) Pat referred. */
export function referredBuyerAda(world: ConnectWorld, programId: string): void {
  const pat = { email: 'pat@partners.test', name: 'Pat', surname: 'Partner' };
  const partner = world.partnero.control.partners.create(programId, pat) as { id: string };
  const ada = { key: 'cust-ada', email: 'ada@buyers.test', name: 'Ada', surname: 'Byron' };
  world.partnero.control.customers.create(programId, { ...ada, partner: { id: partner.id } });
}

/** Every write either simulator has answered so far, over all routes. */
export function writesSoFar(world: ConnectWorld): { attio: number; partnero: number } {
  const total = (counts: Record<string, { writes: number }>) =>
    Object.values(counts).reduce((sum, count) => sum + count.writes, 0);
  return {
    attio: total(world.attio.control.requestCounts()),
    partnero: total(world.partnero.control.requestCounts()),
  };
}
