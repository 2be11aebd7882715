import { createAttioClient, type AttioClient } from '../attio/attio-client';
import { WAIT_OUT_RATE_LIMITS } from '../attio/attio-http';
import { createPartneroClient, type PartneroClient } from '../partnero/partnero-client';
import type { ProgramRepository } from '../programs/program-repository';
import type { TokenCipher } from '../security/token-cipher';

/** How the connect code reaches Attio: its API with a token, its OAuth host with the app's credentials. */
export interface AttioAccess {
  readonly client: (accessToken: string) => AttioClient;
  /** `https://app.attio.com` in AWS: authorize, token, revoke. */
  readonly appUrl: string;
  readonly credentials: () => Promise<{ readonly clientId: string; readonly clientSecret: string }>;
}

export function attioAccess(apiUrl: string, appUrl: string, credentials: AttioAccess['credentials']): AttioAccess {
  // A person is waiting on Connect or Save, and setup creates a few dozen attributes at once: wait out a 429.
  return {
    client: (accessToken) => createAttioClient({ apiUrl, accessToken, waitOutRateLimits: WAIT_OUT_RATE_LIMITS }),
    appUrl,
    credentials,
  };
}

export function partneroAccess(apiUrl: string): (apiKey: string) => PartneroClient {
  return (apiKey) => createPartneroClient({ apiUrl, apiKey });
}

/** What every connect operation stores to and encrypts with. */
export interface ProgramStore {
  readonly programs: ProgramRepository;
  readonly cipher: TokenCipher;
}
