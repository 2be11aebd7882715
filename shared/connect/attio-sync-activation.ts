import type { AttioClient } from '../attio/attio-client';
import type { AttioWorkspaceCheck } from '../programs/program-repository';
import type { ProgramSettings } from '../programs/program-settings';
import { mayManageWebhooks } from './attio-workspace-check';
import {
  ensureSyncAttributes,
  replaceAttioWebhook,
  type EnsuredAttributes,
  type ReplacedWebhook,
} from './attio-workspace-setup';

export interface ActivatedWorkspace {
  readonly attributes: EnsuredAttributes;
  /** Null when the token may not manage webhooks (`webhook:read-write` not granted). */
  readonly webhook: ReplacedWebhook | null;
}

/**
 * The Attio side of a program whose sync runs: the sync's `partnero_*` attributes, then the
 * program's one webhook (created, then older ones of ours at the same target deleted). Done by
 * the first Save, and by a reconnect of a program already syncing (a new token needs its own
 * webhook); never by a connect alone.
 *
 * Our actor is passed when known (learned from the first write); until then the webhook has no
 * `actor.id not_equals` filter and echoes are recognised by the links' value hashes.
 */
export async function activateAttioWorkspace(
  attio: AttioClient,
  input: {
    readonly targetUrl: string;
    readonly settings: ProgramSettings;
    readonly ourActorId: string | null;
    readonly check: AttioWorkspaceCheck | undefined;
  },
): Promise<ActivatedWorkspace> {
  const attributes = await ensureSyncAttributes(attio, input.settings.partners.targetObject);
  if (!mayManageWebhooks(input.check)) return { attributes, webhook: null };
  const webhook = await replaceAttioWebhook(attio, input.targetUrl, input.settings, input.ourActorId);
  return { attributes, webhook };
}
