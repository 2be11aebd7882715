import { ProgramContextLoader } from '../../../shared/programs/program-context';
import type {
  AttioConnection,
  ProgramRegistration,
  ProgramRepository,
  StoredSettings,
} from '../../../shared/programs/program-repository';
import { defaultProgramSettings } from '../../../shared/programs/program-settings';
import type { TokenCipher } from '../../../shared/security/token-cipher';

type StoredProgram = Awaited<ReturnType<ProgramRepository['getProgram']>>;

/** A table stand-in holding one program per id, counting the loads. */
function fakePrograms() {
  const stored = new Map<string, StoredProgram>();
  const reads: string[] = [];
  const repository: Pick<ProgramRepository, 'getProgram'> = {
    getProgram: async (programId) => {
      reads.push(programId);
      return (
        stored.get(programId) ?? { registration: undefined, attioConnection: undefined, settings: settingsOf(null, 0) }
      );
    },
  };
  return { stored, reads, repository };
}

function settingsOf(syncStartedAt: string | null, version: number): StoredSettings {
  return { settings: defaultProgramSettings(), version, updatedAt: syncStartedAt, syncStartedAt };
}

function aProgram(
  programId: string,
  options: { started: boolean; connected?: boolean; version?: number },
): StoredProgram {
  return {
    registration: { programId, partneroApiKeyCiphertext: 'enc:key' } as ProgramRegistration,
    attioConnection:
      options.connected === false ? undefined : ({ programId, accessTokenCiphertext: 'enc:token' } as AttioConnection),
    settings: settingsOf(options.started ? '2026-01-01T00:00:00.000Z' : null, options.version ?? 1),
  };
}

const cipher: TokenCipher = {
  encrypt: async (plaintext) => `enc:${plaintext}`,
  decrypt: async (ciphertext) => ciphertext.replace(/^enc:/, ''),
};

describe('ProgramContextLoader', () => {
  it('reads the program at every call when no cache time is given', async () => {
    // Prepare
    const programs = fakePrograms();
    programs.stored.set('p1', aProgram('p1', { started: true }));
    const loader = new ProgramContextLoader(programs.repository, cipher);
    // Act
    await loader.load('p1');
    await loader.load('p1');
    // Assess
    expect(programs.reads).toEqual(['p1', 'p1']);
  });

  it('keeps a syncing program for the cache time, then reads it again and sees a Save', async () => {
    // Prepare
    let now = 1_000;
    const programs = fakePrograms();
    programs.stored.set('p1', aProgram('p1', { started: true, version: 1 }));
    const loader = new ProgramContextLoader(programs.repository, cipher, { cacheMs: 5_000, now: () => now });
    // Act
    const first = await loader.load('p1');
    programs.stored.set('p1', aProgram('p1', { started: true, version: 2 }));
    now += 4_999;
    const cached = await loader.load('p1');
    now += 1;
    const reread = await loader.load('p1');
    // Assess
    expect(programs.reads).toEqual(['p1', 'p1']);
    expect(first?.settings.version).toBe(1);
    expect(cached?.settings.version).toBe(1);
    expect(reread?.settings.version).toBe(2);
    await expect(reread?.attioAccessToken()).resolves.toBe('token');
  });

  it('shares one read among concurrent events of a program', async () => {
    // Prepare
    const programs = fakePrograms();
    programs.stored.set('p1', aProgram('p1', { started: true }));
    const loader = new ProgramContextLoader(programs.repository, cipher, { cacheMs: 5_000 });
    // Act
    await Promise.all([loader.load('p1'), loader.load('p1'), loader.load('p1')]);
    // Assess
    expect(programs.reads).toEqual(['p1']);
  });

  it.each([
    ['unknown', undefined],
    ['not connected to Attio', aProgram('p1', { started: true, connected: false })],
    ['not started by its first Save', aProgram('p1', { started: false })],
  ])('reads a program that is %s again at its next event, so the change applies at once', async (_state, program) => {
    // Prepare
    const programs = fakePrograms();
    if (program) programs.stored.set('p1', program);
    const loader = new ProgramContextLoader(programs.repository, cipher, { cacheMs: 5_000 });
    // Act
    await loader.load('p1');
    programs.stored.set('p1', aProgram('p1', { started: true }));
    const next = await loader.load('p1');
    // Assess
    expect(programs.reads).toEqual(['p1', 'p1']);
    expect(next?.settings.syncStartedAt).not.toBeNull();
  });

  it('does not keep a failed read', async () => {
    // Prepare
    let fail = true;
    const loader = new ProgramContextLoader(
      {
        getProgram: async (programId) => {
          if (fail) throw new Error('throttled');
          return aProgram(programId, { started: true });
        },
      },
      cipher,
      { cacheMs: 5_000 },
    );
    // Act
    await expect(loader.load('p1')).rejects.toThrow('throttled');
    fail = false;
    // Assess
    await expect(loader.load('p1')).resolves.toBeDefined();
  });
});
