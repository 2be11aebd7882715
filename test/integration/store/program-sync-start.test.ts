import { PutCommand } from '../../../shared/aws/dynamodb-document-client';
import { ProgramRepository } from '../../../shared/programs/program-repository';
import { defaultProgramSettings } from '../../../shared/programs/program-settings';
import { keys } from '../../../shared/store/keys';
import type { SyncTable } from '../../../shared/store/sync-table';
import { freshSyncTable } from '../../support/sync-table-fixture';

/** When a program's sync started, kept beside its settings on DynamoDB Local. */
describe('ProgramRepository: the sync start', () => {
  let programs: ProgramRepository;
  let table: SyncTable;
  let close: () => void;

  beforeAll(async () => {
    const fixture = await freshSyncTable('sync-start');
    programs = new ProgramRepository(fixture.table);
    table = fixture.table;
    close = fixture.close;
  });
  afterAll(() => close());

  it('stores no start for a first save that does not give one, and keeps a start through later saves', async () => {
    // Act
    await programs.saveSettings('p-start', defaultProgramSettings(), 0);
    const unstarted = await programs.getSettings('p-start');
    await programs.saveSettings('p-start', defaultProgramSettings(), 1, new Date('2026-12-01T10:00:00.000Z'), {
      syncStartedAt: '2026-12-01T10:00:00.000Z',
    });
    await programs.saveSettings('p-start', defaultProgramSettings(), 2, new Date('2026-12-01T11:00:00.000Z'));
    const later = await programs.getSettings('p-start');
    // Assess
    expect(unstarted.syncStartedAt).toBeNull();
    expect(later).toMatchObject({
      version: 3,
      updatedAt: '2026-12-01T11:00:00.000Z',
      syncStartedAt: '2026-12-01T10:00:00.000Z',
    });
  });

  it('still refuses a save based on an old version', async () => {
    await programs.saveSettings('p-stale', defaultProgramSettings(), 0, new Date(), {
      syncStartedAt: new Date().toISOString(),
    });
    await expect(programs.saveSettings('p-stale', defaultProgramSettings(), 0)).rejects.toMatchObject({
      name: 'ConditionalCheckFailedException',
    });
  });

  it('counts settings saved before the start was recorded as started when they were saved (the sync ran from connect then)', async () => {
    // Prepare: an item as the service wrote it before start-at-Save.
    await table.client.send(
      new PutCommand({
        TableName: table.tableName,
        Item: {
          pk: keys.programPartition('p-legacy'),
          sk: keys.settings,
          settings: defaultProgramSettings(),
          version: 4,
          updatedAt: '2026-06-01T00:00:00.000Z',
        },
      }),
    );
    // Act
    const stored = await programs.getSettings('p-legacy');
    // Assess
    expect(stored.syncStartedAt).toBe('2026-06-01T00:00:00.000Z');
  });
});
