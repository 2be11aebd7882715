import { ConfigurationError } from '../errors';
import type { TokenCipher, TokenContext } from '../security/token-cipher';
import type { AttioConnection, ProgramRegistration, ProgramRepository, StoredSettings } from './program-repository';

/** Everything a worker needs about one program for one event. */
export interface ProgramContext {
  readonly programId: string;
  readonly registration: ProgramRegistration;
  readonly settings: StoredSettings;
  /** Undefined until the program owner connects Attio. */
  readonly attioConnection: AttioConnection | undefined;
  partneroApiKey(): Promise<string>;
  /** Throws a ConfigurationError when the program has not connected Attio. */
  attioAccessToken(): Promise<string>;
  attioWebhookSecret(): Promise<string | undefined>;
  partneroWebhookSecret(): Promise<string | undefined>;
}

export const tokenPurposes = {
  partneroApiKey: 'partnero-api-key',
  partneroWebhookSecret: 'partnero-webhook-secret',
  attioAccessToken: 'attio-access-token',
  attioWebhookSecret: 'attio-webhook-secret',
} as const;

export interface ProgramContextLoaderOptions {
  /**
   * How long a container reuses a program it loaded; 0 (the default) loads it at every call.
   * The workers pass `WORKER_PROGRAM_CACHE_MS`.
   */
  readonly cacheMs?: number;
  readonly now?: () => number;
}

/**
 * How long a sync worker's container reuses a program it loaded. Loading costs three consistent
 * reads (registration, connection, settings), more than the rest of a typical change reads,
 * and they change rarely. What a stale copy can do, for at most this long:
 * - a Save (mappings, the won stage, deals on or off) reaches events processed up to 5 s after
 *   it; the first Save, which starts the sync, reaches the very next event, because a program
 *   whose sync has not started is never kept (`cacheable`);
 * - an Attio actor learned meanwhile is not yet known: echoes are still recognised by the hash
 *   of what was written (`shared/sync/echo-suppression.ts`), and the circuit breaker caps the rest;
 * - a disconnected or reconnected program is written with the old token, which Attio refuses
 *   once revoked (a retried failure, then the fresh program).
 */
export const WORKER_PROGRAM_CACHE_MS = 5_000;

interface CachedProgram {
  readonly context: Promise<ProgramContext | undefined>;
  readonly loadedAt: number;
}

/**
 * Loads a program's registration, connection and settings in one consistent BatchGetItem, and
 * keeps a started program for `cacheMs` (see WORKER_PROGRAM_CACHE_MS for what may be stale),
 * so a warm container reads it once per few seconds instead of once per event. Each ciphertext
 * is decrypted once per container: ciphertexts never change in place, so that cache cannot
 * serve a stale secret, and KMS is not called per event.
 */
export class ProgramContextLoader {
  private readonly plaintexts = new Map<string, Promise<string>>();
  private readonly programsLoaded = new Map<string, CachedProgram>();
  private readonly cacheMs: number;
  private readonly now: () => number;

  constructor(
    private readonly programs: Pick<ProgramRepository, 'getProgram'>,
    private readonly cipher: TokenCipher,
    options: ProgramContextLoaderOptions = {},
  ) {
    this.cacheMs = options.cacheMs ?? 0;
    this.now = options.now ?? Date.now;
  }

  async load(programId: string): Promise<ProgramContext | undefined> {
    const cached = this.programsLoaded.get(programId);
    if (cached && this.now() - cached.loadedAt < this.cacheMs) return cached.context;
    const loadedAt = this.now();
    const context = this.read(programId);
    if (this.cacheMs > 0) {
      // Concurrent events of one program share the read; what is not worth keeping is dropped once read.
      this.programsLoaded.set(programId, { context, loadedAt });
      const forget = () => {
        if (this.programsLoaded.get(programId)?.context === context) this.programsLoaded.delete(programId);
      };
      context.then((loaded) => (cacheable(loaded) ? undefined : forget()), forget);
    }
    return context;
  }

  private async read(programId: string): Promise<ProgramContext | undefined> {
    const { registration, attioConnection, settings } = await this.programs.getProgram(programId);
    if (!registration) return undefined;
    const decrypt = (ciphertext: string, purpose: string) => this.decrypt(ciphertext, { programId, purpose });
    return {
      programId,
      registration,
      settings,
      attioConnection,
      partneroApiKey: () => decrypt(registration.partneroApiKeyCiphertext, tokenPurposes.partneroApiKey),
      attioAccessToken: async () => {
        if (!attioConnection) throw new ConfigurationError(`program ${programId} is not connected to Attio`);
        return decrypt(attioConnection.accessTokenCiphertext, tokenPurposes.attioAccessToken);
      },
      attioWebhookSecret: async () =>
        attioConnection?.webhookSecretCiphertext
          ? decrypt(attioConnection.webhookSecretCiphertext, tokenPurposes.attioWebhookSecret)
          : undefined,
      partneroWebhookSecret: async () =>
        registration.partneroWebhookSecretCiphertext
          ? decrypt(registration.partneroWebhookSecretCiphertext, tokenPurposes.partneroWebhookSecret)
          : undefined,
    };
  }

  private decrypt(ciphertext: string, context: TokenContext): Promise<string> {
    const cacheKey = `${context.programId}\n${context.purpose}\n${ciphertext}`;
    let plaintext = this.plaintexts.get(cacheKey);
    if (!plaintext) {
      plaintext = this.cipher.decrypt(ciphertext, context);
      plaintext.catch(() => this.plaintexts.delete(cacheKey));
      this.plaintexts.set(cacheKey, plaintext);
    }
    return plaintext;
  }
}

/**
 * Only a program that syncs is kept: an unknown, unconnected or not yet started one is read
 * again at its next event, so registering, connecting and the first Save apply at once.
 */
function cacheable(context: ProgramContext | undefined): boolean {
  return context !== undefined && context.attioConnection !== undefined && context.settings.syncStartedAt !== null;
}
