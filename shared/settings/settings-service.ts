import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { z } from 'zod';
import type { AttioClient } from '../attio/attio-client';
import type { AttioAccess, ProgramStore } from '../connect/attio-access';
import { ensureSyncAttributes, refreshAttioSubscriptions } from '../connect/attio-workspace-setup';
import { ConflictError, ProgramNotFoundError } from '../connect/connect-errors';
import { ValidationError } from '../errors';
import { tokenPurposes } from '../programs/program-context';
import type { AttioConnection, StoredSettings } from '../programs/program-repository';
import type { ProgramSettings } from '../programs/program-settings';
import type { AuditLog } from '../sync/audit-log';
import { catalogFor } from './attio-catalog';
import { validateSettings, type SettingsIssue } from './settings-validation';

export interface SettingsDependencies extends ProgramStore {
  readonly attio: AttioAccess;
  readonly audit: AuditLog;
}

/** Save: the settings and the version they were edited from (optimistic concurrency). */
export const saveSettingsRequestSchema = z.object({
  version: z.number().int().min(0),
  settings: z.unknown(),
});
export type SaveSettingsRequest = z.infer<typeof saveSettingsRequestSchema>;

/** Settings that fail validation, with one message per form field. */
export class SettingsInvalidError extends ValidationError {
  readonly fieldIssues: SettingsIssue[];

  constructor(fieldIssues: SettingsIssue[]) {
    super('Some settings need attention', fieldIssues.map((issue) => `${issue.path}: ${issue.message}`));
    this.fieldIssues = fieldIssues;
  }
}

export interface ConnectedAttio {
  readonly connection: AttioConnection;
  readonly attio: AttioClient;
}

/** The program's Attio, with its stored token; a 409 when the program has not connected yet. */
export async function connectedAttio(deps: ProgramStore & { readonly attio: AttioAccess }, programId: string): Promise<ConnectedAttio> {
  const connection = await deps.programs.getAttioConnection(programId);
  if (!connection) throw new ConflictError('not-connected', 'Connect Attio first: the lists come from your workspace.');
  const token = await deps.cipher.decrypt(connection.accessTokenCiphertext, { programId, purpose: tokenPurposes.attioAccessToken });
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
  /** What happened to the Attio webhook's subscriptions (they follow the partners' object). */
  readonly webhook: 'unchanged' | 'updated' | 'missing' | 'none';
}

/**
 * Save: the same validation the page ran (schema, then Attio's live lists), the Attio side
 * brought in line with the new settings (the sync's attributes on a new partner object, the
 * webhook's object filters), then the settings stored if nobody saved in between. The workers
 * read settings per event, so the next event already uses them.
 */
export async function saveProgramSettings(deps: SettingsDependencies, programId: string, request: SaveSettingsRequest, now: Date = new Date()): Promise<SavedSettings> {
  if (!(await deps.programs.getRegistration(programId))) throw new ProgramNotFoundError(programId);
  const shape = validateSettings(request.settings);
  if (!shape.ok) throw new SettingsInvalidError(shape.issues);
  const { connection, attio } = await connectedAttio(deps, programId);
  const checked = validateSettings(shape.settings, await catalogFor(attio, shape.settings));
  if (!checked.ok) throw new SettingsInvalidError(checked.issues);
  const settings = checked.settings;

  const previous = await deps.programs.getSettings(programId);
  const target = settings.partners.targetObject;
  if (previous.version !== request.version) throw staleVersion();
  if (previous.settings.partners.targetObject !== target) await ensureSyncAttributes(attio, target);
  const webhook = connection.webhookId ? await refreshAttioSubscriptions(attio, connection.webhookId, settings, connection.actor?.id ?? null) : 'none';

  let version: number;
  try {
    version = await deps.programs.saveSettings(programId, settings, request.version, now);
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException || (error as { name?: string }).name === 'ConditionalCheckFailedException') throw staleVersion();
    throw error;
  }
  await deps.audit.record({
    programId,
    direction: 'settings',
    sourceEvent: 'settings.saved',
    sourceRecord: `settings:v${version}`,
    targetRecord: null,
    outcome: 'applied',
    reason: `Partners to ${target}${settings.partners.enabled ? '' : ' (off)'}, customers ${settings.customers.enabled ? 'on' : 'off'}, deals ${settings.deals.enabled ? 'on' : 'off'}`,
    at: now.toISOString(),
  });
  return { settings, version, updatedAt: now.toISOString(), webhook };
}

function staleVersion(): ConflictError {
  return new ConflictError('stale-version', 'These settings were changed elsewhere since you opened them (another tab?). Reload to see the latest, then save again.');
}
