import { ProgramRepository } from '../../../shared/programs/program-repository';
import { defaultProgramSettings } from '../../../shared/programs/program-settings';
import { AuditLog } from '../../../shared/sync/audit-log';
import { LinkRepository } from '../../../shared/sync/link-repository';
import { freshSyncTable } from '../../support/sync-table-fixture';

describe('ProgramRepository', () => {
  let programs: ProgramRepository;
  let audit: AuditLog;
  let links: LinkRepository;
  let close: () => void;

  beforeAll(async () => {
    const fixture = await freshSyncTable('programs');
    programs = new ProgramRepository(fixture.table);
    audit = new AuditLog(fixture.table);
    links = new LinkRepository(fixture.table);
    close = fixture.close;
  });
  afterAll(() => close());

  const registration = (programId: string) => ({
    programId,
    displayName: 'Demo',
    partneroApiKeyCiphertext: 'local:abc',
    partneroWebhookKey: null,
    partneroWebhookSecretCiphertext: null,
    registeredAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  });

  it('returns the default settings at version 0 before the first save', async () => {
    await expect(programs.getSettings('never-saved')).resolves.toEqual({
      settings: defaultProgramSettings(),
      version: 0,
      updatedAt: null,
      syncStartedAt: null,
    });
  });

  it('saves settings with optimistic concurrency: a save based on an old version is refused', async () => {
    // Prepare
    const settings = defaultProgramSettings();
    settings.customers.enabled = true;
    // Act
    const version = await programs.saveSettings('prog-a', settings, 0);
    const staleSave = programs.saveSettings('prog-a', defaultProgramSettings(), 0);
    // Assess
    expect(version).toBe(1);
    await expect(staleSave).rejects.toThrow(/conditional request failed/i);
    await expect(programs.getSettings('prog-a')).resolves.toMatchObject({
      version: 1,
      settings: { customers: { enabled: true } },
    });
  });

  it('removes every item of a program, and nothing of another program', async () => {
    // Prepare
    for (const programId of ['prog-b', 'prog-c']) {
      await programs.putRegistration(registration(programId));
      await programs.saveSettings(programId, defaultProgramSettings(), 0);
      await audit.record({
        programId,
        direction: 'partnero-to-attio',
        sourceEvent: 'partner.created',
        sourceRecord: 'partner:1',
        targetRecord: null,
        outcome: 'noop',
        reason: 'test',
      });
      await links.save({
        programId,
        kind: 'partner',
        partneroId: 'p',
        attioObject: 'people',
        attioRecordId: `r-${programId}`,
        attioWrittenHash: null,
        partneroWrittenHash: null,
        partneroVersion: null,
        updatedAt: 'now',
      });
    }
    // Act
    const deleted = await programs.deleteProgramData('prog-b');
    // Assess
    expect(deleted).toBe(5);
    await expect(programs.getRegistration('prog-b')).resolves.toBeUndefined();
    await expect(audit.listRecent('prog-b')).resolves.toEqual({ entries: [], nextCursor: null });
    await expect(programs.getRegistration('prog-c')).resolves.toMatchObject({ programId: 'prog-c' });
    await expect(links.findByAttioRecordId('prog-c', 'r-prog-c', 'partner')).resolves.toBeDefined();
  });
});

describe('AuditLog', () => {
  let audit: AuditLog;
  let close: () => void;

  beforeAll(async () => {
    const fixture = await freshSyncTable('audit');
    audit = new AuditLog(fixture.table);
    close = fixture.close;
  });
  afterAll(() => close());

  it('lists entries newest first, pages with a cursor, and filters by record', async () => {
    // Prepare
    for (let index = 0; index < 5; index += 1) {
      await audit.record({
        programId: 'prog-1',
        direction: index % 2 === 0 ? 'partnero-to-attio' : 'attio-to-partnero',
        sourceEvent: 'partner.updated',
        sourceRecord: `partner:${index % 2}`,
        targetRecord: null,
        outcome: 'applied',
        reason: `change ${index}`,
        at: `2026-01-01T00:00:0${index}.000Z`,
      });
    }
    // Act
    const first = await audit.listRecent('prog-1', { limit: 2 });
    const second = await audit.listRecent('prog-1', { limit: 2, cursor: first.nextCursor });
    const ofRecord = await audit.listRecent('prog-1', { sourceRecord: 'partner:1' });
    // Assess
    expect(first.entries.map((entry) => entry.reason)).toEqual(['change 4', 'change 3']);
    expect(second.entries.map((entry) => entry.reason)).toEqual(['change 2', 'change 1']);
    expect(ofRecord.entries.map((entry) => entry.reason)).toEqual(['change 3', 'change 1']);
  });
});
