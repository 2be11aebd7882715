import type { TokenCipher } from '../security/token-cipher';
import { tokenPurposes } from './program-context';
import type { AttioConnection, ProgramRegistration } from './program-repository';

export type WebhookSecretSource = 'partnero' | 'attio';

/** What a webhook route knows of a program's secret, and whether it came from the container's cache. */
export interface WebhookSecretLookup {
  /** Undefined when the program is unknown (or, for Attio, has no webhook yet). */
  readonly secret: string | undefined;
  readonly fromCache: boolean;
}

/**
 * The two items that hold the webhook secrets, as far as the routes read them: `ProgramRepository`
 * is one, `WebhookSecretItems` (the routes' own, without the AWS SDK) the other.
 */
export interface WebhookSecretItemsReader {
  getRegistration(programId: string): Promise<Pick<ProgramRegistration, 'partneroWebhookSecretCiphertext'> | undefined>;
  getAttioConnection(programId: string): Promise<Pick<AttioConnection, 'webhookSecretCiphertext'> | undefined>;
}

export interface WebhookSecretCacheOptions {
  /** How long a container trusts a secret it read; a rotated one is re-read at once anyway (see `lookUp`). */
  readonly ttlMs?: number;
  readonly now?: () => number;
}

interface CachedSecret {
  readonly ciphertext: string;
  readonly secret: string;
  readonly readAt: number;
}

/**
 * The webhook secrets of a container's programs: the acknowledgement path reads the one item
 * that holds a program's secret (Partnero's: the registration, Attio's: the connection), decrypts
 * it once, and keeps it for a short TTL, so a warm container verifies a delivery without reading
 * the table. A rotated secret is never locked out: a signature that does not match a cached
 * secret makes the route ask again with `refresh`, which re-reads the item (see webhook-ingress).
 * Unknown programs are not cached: a program connected a moment ago is found at once.
 */
export class WebhookSecretCache {
  private readonly cached = new Map<string, CachedSecret>();
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(
    private readonly source: WebhookSecretSource,
    private readonly programs: WebhookSecretItemsReader,
    private readonly cipher: TokenCipher,
    options: WebhookSecretCacheOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? 60_000;
    this.now = options.now ?? Date.now;
  }

  async lookUp(programId: string, options: { refresh?: boolean } = {}): Promise<WebhookSecretLookup> {
    const cached = this.cached.get(programId);
    if (cached && !options.refresh && this.now() - cached.readAt < this.ttlMs)
      return { secret: cached.secret, fromCache: true };
    const ciphertext = await this.readCiphertext(programId);
    if (ciphertext === undefined) {
      this.cached.delete(programId);
      return { secret: undefined, fromCache: false };
    }
    // Same ciphertext, same secret: KMS is asked only when the secret changed.
    const secret =
      cached?.ciphertext === ciphertext
        ? cached.secret
        : await this.cipher.decrypt(ciphertext, { programId, purpose: this.purpose() });
    this.cached.set(programId, { ciphertext, secret, readAt: this.now() });
    return { secret, fromCache: false };
  }

  private async readCiphertext(programId: string): Promise<string | undefined> {
    if (this.source === 'partnero')
      return (await this.programs.getRegistration(programId))?.partneroWebhookSecretCiphertext || undefined;
    return (await this.programs.getAttioConnection(programId))?.webhookSecretCiphertext || undefined;
  }

  private purpose(): string {
    return this.source === 'partnero' ? tokenPurposes.partneroWebhookSecret : tokenPurposes.attioWebhookSecret;
  }
}
