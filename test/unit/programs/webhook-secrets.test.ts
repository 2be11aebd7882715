import type { TokenCipher, TokenContext } from '../../../shared/security/token-cipher';
import type { AttioConnection, ProgramRegistration } from '../../../shared/programs/program-repository';
import { WebhookSecretCache } from '../../../shared/programs/webhook-secrets';

/** A table stand-in that counts reads, and a cipher whose "ciphertext" is `enc:<secret>`. */
function fakePrograms() {
  const registrations = new Map<string, string | null>();
  const connections = new Map<string, string | null>();
  const reads = { registration: 0, connection: 0 };
  return {
    registrations,
    connections,
    reads,
    repository: {
      getRegistration: async (programId: string) => {
        reads.registration += 1;
        const ciphertext = registrations.get(programId);
        return ciphertext === undefined
          ? undefined
          : ({ programId, partneroWebhookSecretCiphertext: ciphertext } as unknown as ProgramRegistration);
      },
      getAttioConnection: async (programId: string) => {
        reads.connection += 1;
        const ciphertext = connections.get(programId);
        return ciphertext === undefined
          ? undefined
          : ({ programId, webhookSecretCiphertext: ciphertext } as unknown as AttioConnection);
      },
    },
  };
}

function fakeCipher() {
  const decrypted: TokenContext[] = [];
  const cipher: TokenCipher = {
    encrypt: async (plaintext) => `enc:${plaintext}`,
    decrypt: async (ciphertext, context) => {
      decrypted.push(context);
      return ciphertext.replace(/^enc:/, '');
    },
  };
  return { cipher, decrypted };
}

describe('WebhookSecretCache', () => {
  it('reads the registration once for a Partnero secret, decrypts it once, and serves a warm container from memory', async () => {
    // Prepare
    const programs = fakePrograms();
    const { cipher, decrypted } = fakeCipher();
    programs.registrations.set('p1', 'enc:s1');
    const cache = new WebhookSecretCache('partnero', programs.repository, cipher);
    // Act
    const cold = await cache.lookUp('p1');
    const warm = await cache.lookUp('p1');
    // Assess
    expect(cold).toEqual({ secret: 's1', fromCache: false });
    expect(warm).toEqual({ secret: 's1', fromCache: true });
    expect(programs.reads).toEqual({ registration: 1, connection: 0 });
    expect(decrypted).toEqual([{ programId: 'p1', purpose: 'partnero-webhook-secret' }]);
  });

  it('reads only the connection for an Attio secret', async () => {
    const programs = fakePrograms();
    const { cipher, decrypted } = fakeCipher();
    programs.connections.set('p1', 'enc:a1');
    const cache = new WebhookSecretCache('attio', programs.repository, cipher);
    await expect(cache.lookUp('p1')).resolves.toEqual({ secret: 'a1', fromCache: false });
    expect(programs.reads).toEqual({ registration: 0, connection: 1 });
    expect(decrypted[0]?.purpose).toBe('attio-webhook-secret');
  });

  it('finds a rotated secret on refresh, decrypting only the new ciphertext', async () => {
    // Prepare
    const programs = fakePrograms();
    const { cipher, decrypted } = fakeCipher();
    programs.registrations.set('p1', 'enc:old');
    const cache = new WebhookSecretCache('partnero', programs.repository, cipher);
    await cache.lookUp('p1');
    programs.registrations.set('p1', 'enc:new');
    // Act
    const stale = await cache.lookUp('p1');
    const refreshed = await cache.lookUp('p1', { refresh: true });
    const unchangedRefresh = await cache.lookUp('p1', { refresh: true });
    // Assess
    expect(stale).toEqual({ secret: 'old', fromCache: true });
    expect(refreshed).toEqual({ secret: 'new', fromCache: false });
    expect(unchangedRefresh).toEqual({ secret: 'new', fromCache: false });
    expect(decrypted).toHaveLength(2);
    expect(programs.reads.registration).toBe(3);
  });

  it('re-reads once the TTL has passed', async () => {
    const programs = fakePrograms();
    const { cipher } = fakeCipher();
    programs.registrations.set('p1', 'enc:s1');
    let now = 1_000;
    const cache = new WebhookSecretCache('partnero', programs.repository, cipher, { ttlMs: 100, now: () => now });
    await cache.lookUp('p1');
    now += 99;
    await expect(cache.lookUp('p1')).resolves.toEqual({ secret: 's1', fromCache: true });
    now += 1;
    await expect(cache.lookUp('p1')).resolves.toEqual({ secret: 's1', fromCache: false });
    expect(programs.reads.registration).toBe(2);
  });

  it('does not cache an unknown program (one connected a moment later is found at once), nor one without a secret', async () => {
    // Prepare
    const programs = fakePrograms();
    const { cipher } = fakeCipher();
    const cache = new WebhookSecretCache('attio', programs.repository, cipher);
    // Act + Assess
    await expect(cache.lookUp('p1')).resolves.toEqual({ secret: undefined, fromCache: false });
    programs.connections.set('p1', null);
    await expect(cache.lookUp('p1')).resolves.toEqual({ secret: undefined, fromCache: false });
    programs.connections.set('p1', 'enc:a1');
    await expect(cache.lookUp('p1')).resolves.toEqual({ secret: 'a1', fromCache: false });
    expect(programs.reads.connection).toBe(3);
  });

  it('forgets a program whose secret went away', async () => {
    const programs = fakePrograms();
    const { cipher } = fakeCipher();
    programs.registrations.set('p1', 'enc:s1');
    const cache = new WebhookSecretCache('partnero', programs.repository, cipher);
    await cache.lookUp('p1');
    programs.registrations.delete('p1');
    await expect(cache.lookUp('p1', { refresh: true })).resolves.toEqual({ secret: undefined, fromCache: false });
    await expect(cache.lookUp('p1')).resolves.toEqual({ secret: undefined, fromCache: false });
  });
});
