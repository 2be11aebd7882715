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

/**
 * Loads a program's registration, connection and settings on every call (so a Save applies to
 * the very next event), but decrypts each ciphertext only once per container: ciphertexts
 * never change in place, so the cache cannot serve a stale secret, and KMS is not called per event.
 */
export class ProgramContextLoader {
  private readonly plaintexts = new Map<string, Promise<string>>();

  constructor(
    private readonly programs: ProgramRepository,
    private readonly cipher: TokenCipher,
  ) {}

  async load(programId: string): Promise<ProgramContext | undefined> {
    const [registration, attioConnection, settings] = await Promise.all([
      this.programs.getRegistration(programId),
      this.programs.getAttioConnection(programId),
      this.programs.getSettings(programId),
    ]);
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
        attioConnection?.webhookSecretCiphertext ? decrypt(attioConnection.webhookSecretCiphertext, tokenPurposes.attioWebhookSecret) : undefined,
      partneroWebhookSecret: async () =>
        registration.partneroWebhookSecretCiphertext ? decrypt(registration.partneroWebhookSecretCiphertext, tokenPurposes.partneroWebhookSecret) : undefined,
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
