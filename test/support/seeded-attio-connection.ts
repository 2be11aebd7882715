import { tokenPurposes } from '../../shared/programs/program-context';
import type { AttioConnection } from '../../shared/programs/program-repository';
import type { TokenCipher } from '../../shared/security/token-cipher';

export interface AttioConnectionSeed {
  readonly programId: string;
  readonly workspace: { readonly id: string; readonly memberIds: readonly string[] };
  readonly workspaceName: string;
  /** The simulator's token for the workspace and the actor it acts as. */
  readonly token: string;
  readonly actor: { readonly type: string; readonly id: unknown };
  /** The workspace's webhook, when the scenario has Attio deliver events. */
  readonly webhook?: { readonly id: string; readonly secret: string };
}

/**
 * A program's Attio connection as the connect flow leaves it: the token and the webhook secret
 * encrypted as the service keeps them, the workspace's first member as the one who connected it.
 */
export async function seededAttioConnection(
  seed: AttioConnectionSeed,
  cipher: Pick<TokenCipher, 'encrypt'>,
  connectedAt: string = new Date().toISOString(),
): Promise<AttioConnection> {
  const encrypt = (plaintext: string, purpose: string) =>
    cipher.encrypt(plaintext, { programId: seed.programId, purpose });
  return {
    programId: seed.programId,
    workspaceId: seed.workspace.id,
    workspaceName: seed.workspaceName,
    accessTokenCiphertext: await encrypt(seed.token, tokenPurposes.attioAccessToken),
    authorizedByWorkspaceMemberId: seed.workspace.memberIds[0] ?? null,
    actor: { type: seed.actor.type, id: seed.actor.id as string },
    webhookId: seed.webhook?.id ?? null,
    webhookSecretCiphertext: seed.webhook ? await encrypt(seed.webhook.secret, tokenPurposes.attioWebhookSecret) : null,
    connectedAt,
  };
}
