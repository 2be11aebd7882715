import * as z from 'zod';
import { isConditionalCheckFailure } from '../aws/dynamodb-document-client';
import type { AttioClient } from '../attio/attio-client';
import type { AttioAccess, ProgramStore } from '../connect/attio-access';
import { activateAttioWorkspace } from '../connect/attio-sync-activation';
import { checkAttioWorkspace } from '../connect/attio-workspace-check';
import { ensureSyncAttributes, refreshAttioSubscriptions } from '../connect/attio-workspace-setup';
import { attioWebhookTarget } from '../connect/webhook-targets';
import type { BackfillStore } from '../backfill/backfill-store';
import { startBackfillAtSyncStart } from '../backfill/start-backfill';
import { DEAL_OBJECT } from '../attio/object-slugs';
import { ConflictError, FieldValidationError, ProgramNotFoundError } from '../errors';
import { tokenPurposes } from '../programs/program-context';
import type { AttioConnection, AttioWorkspaceCheck, StoredSettings } from '../programs/program-repository';
import { programSettingsSchema, type ProgramSettings } from '../programs/program-settings';
import type { AuditLog } from '../sync/audit-log';
import { catalogFor } from './attio-catalog';
import { validateSettings, type SettingsIssue } from './settings-validation';

export interface SettingsDependencies extends ProgramStore {
  readonly attio: AttioAccess;
  readonly audit: AuditLog;
  /** The service's public base URL: the Attio webhook's target. */
  readonly publicApiUrl: string;
  /** Where the first Save starts the chosen backfills of existing Partnero records; none without it. */
  readonly backfills?: BackfillStore;
}

/** Save: the settings and the version they were edited from (optimistic concurrency). */
export const saveSettingsRequestSchema = z.object({
  version: z.number().int().min(0),
  settings: z.unknown(),
});
export type SaveSettingsRequest = z.infer<typeof saveSettingsRequestSchema>;

/** Settings that fail validation, with one message per form field. */
export class SettingsInvalidError extends FieldValidationError {
  constructor(fieldIssues: SettingsIssue[]) {
    super('Some settings need attention', fieldIssues);
  }
}

export interface ConnectedAttio {
  readonly connection: AttioConnection;
  readonly attio: AttioClient;
}

/** The program's Attio, with its stored token; a 409 when the program has not connected yet. */
export async function connectedAttio(
  deps: ProgramStore & { readonly attio: AttioAccess },
  programId: string,
): Promise<ConnectedAttio> {
  const connection = await deps.programs.getAttioConnection(programId);
  if (!connection) throw new ConflictError('not-connected', 'Connect Attio first: the lists come from your workspace.');
  const token = await deps.cipher.decrypt(connection.accessTokenCiphertext, {
    programId,
    purpose: tokenPurposes.attioAccessToken,
  });
  return { connection, attio: deps.attio.client(token) };
}

export async function readSettings(deps: ProgramStore, programId: string): Promise<StoredSettings> {
  if (!(await deps.programs.getRegistration(programId))) throw new ProgramNotFoundError(programId);
  return deps.programs.getSettings(programId);
}

export interface SavedSettings {
  readonly settings: ProgramSettings;
  readonly version: number;
  readonly updatedAt: string;
  /** When the program's sync started: this save, or the first one. */
  readonly syncStartedAt: string;
  /** True when this save was the first: it started the live sync and the chosen backfills. */
  readonly startedSync: boolean;
  /** What happened to the Attio webhook: created by the first save, or its subscriptions refreshed. */
  readonly webhook: 'created' | 'unchanged' | 'updated' | 'missing' | 'none';
}

/**
 * Save: the same validation the page ran (schema, then Attio's live lists and what the token
 * may do), then the Attio side brought in line with the new settings, then the settings
 * stored if nobody saved in between. The workers read settings per event, so the next event
 * already uses them.
 *
 * The first Save starts the program's sync (connect only read the workspace):
 *
 *   sync attributes ─▶ Attio webhook ─▶ settings stored with `syncStartedAt` ─▶ chosen backfills
 *
 * Later saves keep the webhook's subscriptions in line with the partners' object and add the
 * sync's attributes to a new partners' object. A first save interrupted after the webhook was
 * created is simply repeated: each step is idempotent (the webhook is replaced, not doubled).
 */
export async function saveProgramSettings(
  deps: SettingsDependencies,
  programId: string,
  request: SaveSettingsRequest,
  now: Date = new Date(),
): Promise<SavedSettings> {
  if (!(await deps.programs.getRegistration(programId))) throw new ProgramNotFoundError(programId);
  // A body that is not settings at all costs no Attio call; rules come back with Attio's lists.
  const shape = programSettingsSchema.safeParse(request.settings);
  if (!shape.success) {
    const invalid = validateSettings(request.settings);
    throw new SettingsInvalidError(invalid.ok ? [] : invalid.issues);
  }
  const { connection, attio } = await connectedAttio(deps, programId);
  const target = shape.data.partners.targetObject;
  const [catalog, self] = await Promise.all([catalogFor(attio, shape.data), attio.self()]);
  if (!self.active)
    throw new ConflictError(
      'not-connected',
      'Attio no longer accepts the stored token. Reconnect Attio, then save again.',
    );
  const check = await checkAttioWorkspace(attio, self.scope, target, now);
  const checked = validateSettings(shape.data, catalog);
  const issues = [...workspaceIssues(shape.data, check), ...(checked.ok ? [] : checked.issues)];
  if (!checked.ok || issues.length > 0) throw new SettingsInvalidError(issues);
  const settings = checked.settings;

  const previous = await deps.programs.getSettings(programId);
  if (previous.version !== request.version) throw staleVersion();
  const startingSync = previous.syncStartedAt === null;
  let webhook: SavedSettings['webhook'];
  let webhookId = connection.webhookId;
  if (startingSync) {
    const activated = await activateAttioWorkspace(attio, {
      targetUrl: attioWebhookTarget(deps.publicApiUrl, programId),
      settings,
      ourActorId: connection.actor?.id ?? null,
      check,
    });
    if (activated.webhook) {
      const secret = await deps.cipher.encrypt(activated.webhook.secret, {
        programId,
        purpose: tokenPurposes.attioWebhookSecret,
      });
      // The new webhook already excludes the actor it was built with, if one was known.
      await deps.programs.updateAttioConnection(programId, {
        webhookId: activated.webhook.webhookId,
        webhookSecretCiphertext: secret,
        webhookFilteredActorId: connection.actor?.id ?? null,
      });
      webhookId = activated.webhook.webhookId;
    }
    webhook = activated.webhook ? 'created' : 'none';
  } else {
    if (previous.settings.partners.targetObject !== target) await ensureSyncAttributes(attio, target);
    webhook = connection.webhookId
      ? await refreshAttioSubscriptions(attio, connection.webhookId, settings, connection.actor?.id ?? null)
      : 'none';
  }
  // What the workers and the Status tab read: Deals enabled since, a partners' object gone.
  await deps.programs.updateAttioConnection(programId, { workspaceCheck: check });

  const syncStartedAt = previous.syncStartedAt ?? now.toISOString();
  let version: number;
  try {
    version = await deps.programs.saveSettings(programId, settings, request.version, now, { syncStartedAt });
  } catch (error) {
    if (isConditionalCheckFailure(error)) throw staleVersion();
    throw error;
  }
  await deps.audit.record({
    programId,
    direction: 'settings',
    sourceEvent: 'settings.saved',
    sourceRecord: `settings:v${version}`,
    targetRecord: null,
    outcome: 'applied',
    reason:
      `Partners to ${target}${settings.partners.enabled ? '' : ' (off)'}, customers ` +
      `${settings.customers.enabled ? 'on' : 'off'}, deals ` +
      `${settings.deals.enabled ? 'on' : 'off'}`,
    at: now.toISOString(),
  });
  if (startingSync) {
    await deps.audit.record({
      programId,
      direction: 'settings',
      sourceEvent: 'sync.started',
      sourceRecord: `settings:v${version}`,
      targetRecord: webhookId ? `attio:webhook:${webhookId}` : null,
      outcome: 'applied',
      reason: webhookId
        ? 'The sync started: new and updated records now sync both ways'
        : 'The sync started for Partnero -> Attio only: the Attio app may not manage webhooks, so ' +
          'won deals and Attio changes are not heard (reconnect with the "Webhook: Read-write" scope)',
      at: now.toISOString(),
    });
    if (deps.backfills)
      await startBackfillAtSyncStart({ store: deps.backfills, audit: deps.audit, now: () => now }, programId, settings);
  }
  return { settings, version, updatedAt: now.toISOString(), syncStartedAt, startedSync: startingSync, webhook };
}

/** Settings the workspace cannot honour, in the words of the Attio setting to change. */
function workspaceIssues(settings: ProgramSettings, check: AttioWorkspaceCheck): SettingsIssue[] {
  const issues: SettingsIssue[] = [];
  if (settings.deals.enabled && check.missingObjects.includes(DEAL_OBJECT)) {
    issues.push({
      path: 'deals.enabled',
      message:
        'Deals are turned off in your Attio workspace. Turn deal sync off here, or ask an Attio ' +
        'admin to enable them (Workspace settings > Objects > Deals > Enable) and reload this page.',
    });
  }
  return issues;
}

function staleVersion(): ConflictError {
  return new ConflictError(
    'stale-version',
    'These settings were changed elsewhere since you opened them (another tab?). Reload to see the latest, then save again.',
  );
}
