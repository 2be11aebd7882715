import { randomBytes } from 'node:crypto';
import { ConfigurationError } from '../../../shared/errors';
import { LocalTokenCipher, tokenCipherFromEnvironment } from '../../../shared/security/token-cipher';

describe('LocalTokenCipher', () => {
  const cipher = new LocalTokenCipher(randomBytes(32).toString('base64'));
  const context = { programId: 'prog-1', purpose: 'attio-access-token' };

  it('decrypts what it encrypted, and the ciphertext does not contain the secret', async () => {
    const ciphertext = await cipher.encrypt('secret-token-value', context);
    expect(ciphertext).not.toContain('secret-token-value');
    await expect(cipher.decrypt(ciphertext, context)).resolves.toBe('secret-token-value');
  });

  it('refuses a ciphertext copied to another program or purpose', async () => {
    const ciphertext = await cipher.encrypt('secret-token-value', context);
    await expect(cipher.decrypt(ciphertext, { ...context, programId: 'prog-2' })).rejects.toThrow();
    await expect(cipher.decrypt(ciphertext, { ...context, purpose: 'partnero-api-key' })).rejects.toThrow();
  });

  it('is chosen from the environment, and its absence is a configuration error', () => {
    expect(
      tokenCipherFromEnvironment({ LOCAL_TOKEN_ENCRYPTION_KEY: randomBytes(32).toString('base64') }),
    ).toBeInstanceOf(LocalTokenCipher);
    expect(() => tokenCipherFromEnvironment({})).toThrow(ConfigurationError);
    expect(() => tokenCipherFromEnvironment({ LOCAL_TOKEN_ENCRYPTION_KEY: 'c2hvcnQ=' })).toThrow(/32 bytes/);
  });
});
