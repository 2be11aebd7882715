import * as z from 'zod';
import {
  CleanupIncompleteError,
  ProgramNotFoundError,
  ProviderHttpError,
  ProviderRefusedError,
  RetryableError,
} from '../errors';
import type { PartneroClient } from '../partnero/partnero-client';
import { tokenPurposes } from '../programs/program-context';
import type { ProgramDirectoryPage, ProgramRegistration } from '../programs/program-repository';
import type { AttioAccess, ProgramStore } from './attio-access';
import { releaseAttioConnection } from './attio-disconnect';
import { ensurePartneroWebhook, removePartneroWebhooks } from './partnero-webhook-registration';
import { partneroWebhookTarget } from './webhook-targets';

/** Program ids travel in URLs and queue group ids; the webhook routes accept the same pattern. */
export const programIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'use 1 to 64 letters, digits, "-" or "_"');

export const registerProgramRequestSchema = z.strictObject({
  programId: programIdSchema,
  displayName: z.string().trim().min(1, 'give the program a name').max(120),
  partneroApiKey: z.string().trim().min(8, 'a Partnero API key is longer than that').max(512),
});
export type RegisterProgramRequest = z.infer<typeof registerProgramRequestSchema>;

/** `GET /admin/programs?limit=&after=`: a page of programs in id order. */
export const listProgramsQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(25),
  after: programIdSchema.optional(),
});
export type ListProgramsQuery = z.infer<typeof listProgramsQuerySchema>;

export interface ProvisioningDependencies extends ProgramStore {
  readonly partnero: (apiKey: string) => PartneroClient;
  readonly attio: AttioAccess;
  readonly publicApiUrl: string;
  readonly now?: () => Date;
}

export interface RegisteredProgram {
  readonly created: boolean;
  readonly program: ProgramSummary;
}

/** A program as the admin API shows it: never a key, token or secret. */
export interface ProgramSummary {
  readonly programId: string;
  readonly displayName: string;
  readonly registeredAt: string;
  readonly updatedAt: string;
  readonly partneroWebhook: { readonly key: string | null; readonly url: string };
  readonly attio:
    | { readonly connected: false }
    | {
        readonly connected: true;
        readonly workspaceId: string;
        readonly workspaceName: string;
        readonly connectedAt: string;
        readonly webhookId: string | null;
        readonly actorKnown: boolean;
        /** Scopes the service uses that the app's token lacks, and objects the workspace lacks (e.g. `deals`). */
        readonly missingScopes: string[];
        readonly missingObjects: string[];
      };
  /** `syncStartedAt` is null until the program's first Save on the settings page starts its sync. */
  readonly settings: {
    readonly version: number;
    readonly updatedAt: string | null;
    readonly syncStartedAt: string | null;
  };
}

/**
 * Registers a program, or updates its registration: the Partnero key must work, the service's
 * webhook is found or created (never a second one), and key and signing secret are stored
 * encrypted under the program's id.
 */
export async function registerProgram(
  deps: ProvisioningDependencies,
  request: RegisterProgramRequest,
): Promise<RegisteredProgram> {
  const now = (deps.now ?? (() => new Date()))().toISOString();
  const { programId } = request;
  const partnero = deps.partnero(request.partneroApiKey);
  if (!(await partnero.verifyApiKey()))
    throw new ProviderRefusedError(
      'partnero',
      'Partnero refused the API key (401/403). Check that it is the program’s key and has API access.',
    );

  const existing = await deps.programs.getRegistration(programId);
  const target = partneroWebhookTarget(deps.publicApiUrl, programId);
  if (existing?.partneroWebhookKey) await forgetWebhookOfPreviousKey(deps, existing, request.partneroApiKey, target);
  const webhook = await ensurePartneroWebhook(partnero, target);

  const encrypt = (plaintext: string, purpose: string) => deps.cipher.encrypt(plaintext, { programId, purpose });
  const registration: ProgramRegistration = {
    programId,
    displayName: request.displayName,
    partneroApiKeyCiphertext: await encrypt(request.partneroApiKey, tokenPurposes.partneroApiKey),
    partneroWebhookKey: webhook.key,
    partneroWebhookSecretCiphertext: await encrypt(webhook.secret, tokenPurposes.partneroWebhookSecret),
    registeredAt: existing?.registeredAt ?? now,
    updatedAt: now,
  };
  await deps.programs.putRegistration(registration);
  return { created: !existing, program: await describeProgram(deps, programId) };
}

/** A page of registered programs (names and dates only; `describeProgram` has the rest). */
export async function listPrograms(
  deps: Pick<ProvisioningDependencies, 'programs'>,
  query: ListProgramsQuery,
): Promise<ProgramDirectoryPage> {
  return deps.programs.listPrograms({
    limit: query.limit,
    ...(query.after === undefined ? {} : { after: query.after }),
  });
}

export async function describeProgram(
  deps: Pick<ProvisioningDependencies, 'programs' | 'publicApiUrl'>,
  programId: string,
): Promise<ProgramSummary> {
  const [registration, connection, settings] = await Promise.all([
    deps.programs.getRegistration(programId),
    deps.programs.getAttioConnection(programId),
    deps.programs.getSettings(programId),
  ]);
  if (!registration) throw new ProgramNotFoundError(programId);
  return {
    programId,
    displayName: registration.displayName,
    registeredAt: registration.registeredAt,
    updatedAt: registration.updatedAt,
    partneroWebhook: { key: registration.partneroWebhookKey, url: partneroWebhookTarget(deps.publicApiUrl, programId) },
    attio: connection
      ? {
          connected: true,
          workspaceId: connection.workspaceId,
          workspaceName: connection.workspaceName,
          connectedAt: connection.connectedAt,
          webhookId: connection.webhookId,
          actorKnown: connection.actor !== null,
          missingScopes: connection.workspaceCheck?.missingScopes ?? [],
          missingObjects: connection.workspaceCheck?.missingObjects ?? [],
        }
      : { connected: false },
    settings: { version: settings.version, updatedAt: settings.updatedAt, syncStartedAt: settings.syncStartedAt },
  };
}

export interface RemovedProgram {
  readonly programId: string;
  readonly partneroWebhooksDeleted: string[];
  readonly attio: 'not-connected' | 'released' | 'skipped';
  readonly itemsDeleted: number;
  /** Cleanups that failed and were skipped because the removal was forced. */
  readonly skipped: string[];
}

/**
 * Removes a program: its Partnero webhook(s), its Attio webhook and token, then every item the
 * service holds for it. A provider that cannot be reached stops the removal before any data is
 * deleted (so the webhook secrets needed to retry are still there), unless `force` is set.
 */
export async function removeProgram(
  deps: ProvisioningDependencies,
  programId: string,
  options: { force?: boolean } = {},
): Promise<RemovedProgram> {
  const registration = await deps.programs.getRegistration(programId);
  if (!registration) throw new ProgramNotFoundError(programId);
  const failures: string[] = [];

  let partneroWebhooksDeleted: string[] = [];
  try {
    const apiKey = await deps.cipher.decrypt(registration.partneroApiKeyCiphertext, {
      programId,
      purpose: tokenPurposes.partneroApiKey,
    });
    partneroWebhooksDeleted = await removePartneroWebhooks(
      deps.partnero(apiKey),
      partneroWebhookTarget(deps.publicApiUrl, programId),
      registration.partneroWebhookKey,
    );
  } catch (error) {
    failures.push(`Partnero webhook: ${describe(error)}`);
  }

  let attio: RemovedProgram['attio'] = 'not-connected';
  const connection = await deps.programs.getAttioConnection(programId);
  if (connection) {
    try {
      await releaseAttioConnection(deps, deps.attio, connection);
      attio = 'released';
    } catch (error) {
      failures.push(`Attio webhook and token: ${describe(error)}`);
      attio = 'skipped';
    }
  }

  if (failures.length > 0 && !options.force) throw new CleanupIncompleteError(failures);
  const itemsDeleted = await deps.programs.deleteProgramData(programId);
  return { programId, partneroWebhooksDeleted, attio, itemsDeleted, skipped: failures };
}

/**
 * A program re-registered with another Partnero key (another Partnero program, or a rotated
 * key): the webhook the old key created may live in the old Partnero program. Deleting it is
 * best effort; an old key that no longer works has nothing left to clean up with.
 */
async function forgetWebhookOfPreviousKey(
  deps: ProvisioningDependencies,
  existing: ProgramRegistration,
  newKey: string,
  target: string,
): Promise<void> {
  try {
    const oldKey = await deps.cipher.decrypt(existing.partneroApiKeyCiphertext, {
      programId: existing.programId,
      purpose: tokenPurposes.partneroApiKey,
    });
    if (oldKey === newKey) return;
    const old = deps.partnero(oldKey);
    const stillThere = await old.webhooks.get(existing.partneroWebhookKey as string);
    if (stillThere && stillThere.url === target) await old.webhooks.delete(stillThere.key);
  } catch {
    // The old key is revoked or the old program gone: its webhook cannot be reached either way.
  }
}

function describe(error: unknown): string {
  if (error instanceof ProviderHttpError)
    return `${error.provider} answered ${error.status}${error.code ? ` ${error.code}` : ''}`;
  if (error instanceof RetryableError) return 'not answering (timeout or 5xx)';
  return error instanceof Error ? error.name : 'failed';
}
