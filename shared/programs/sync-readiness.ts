import type { AttioConnection, StoredSettings } from './program-repository';
import { DEAL_OBJECT } from '../attio/object-slugs';

/**
 * Why an event of a program must not be applied at all, before any provider is called:
 *
 *   registered ──connect (read-only on Attio)──▶ connected ──first Save──▶ syncing
 *        │                                          │
 *        └── Partnero events arrive (its webhook ───┴──▶ recorded as skipped, nothing written
 *            exists from registration)
 *
 * The listing promises "Save your settings. Sync begins immediately for new and updated
 * records": connecting alone starts nothing. And once syncing, a workspace without the Deals
 * object (off until an admin enables it) still syncs partners and customers; only deal work is
 * skipped, with the Attio setting to change.
 */

export const SYNC_NOT_STARTED = 'the sync starts when the program’s settings are first saved; nothing was written';

export const DEALS_TURNED_OFF =
  'Deals are turned off in the connected Attio workspace (Workspace settings > Objects > ' +
  'Deals > Enable, then save the settings again); sales and won deals are not synced';

/** Undefined once the program's first Save started its sync. */
export function syncNotStartedReason(settings: Pick<StoredSettings, 'syncStartedAt'>): string | undefined {
  return settings.syncStartedAt === null ? SYNC_NOT_STARTED : undefined;
}

/** True when connect or the last Save found the workspace without the Deals object. */
export function dealsTurnedOff(connection: Pick<AttioConnection, 'workspaceCheck'> | undefined): boolean {
  return connection?.workspaceCheck?.missingObjects.includes(DEAL_OBJECT) === true;
}
