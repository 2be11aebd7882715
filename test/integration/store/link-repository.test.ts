import { LinkRepository, type RecordLink } from '../../../shared/sync/link-repository';
import { freshSyncTable } from '../../support/sync-table-fixture';

describe('LinkRepository', () => {
  let links: LinkRepository;
  let close: () => void;

  beforeAll(async () => {
    const fixture = await freshSyncTable('links');
    links = new LinkRepository(fixture.table);
    close = fixture.close;
  });
  afterAll(() => close());

  const link = (overrides: Partial<RecordLink> = {}): RecordLink => ({
    programId: 'prog-1',
    kind: 'partner',
    partneroId: 'partner-1',
    attioObject: 'people',
    attioRecordId: 'rec-1',
    attioWrittenHash: 'hash-1',
    partneroWrittenHash: null,
    partneroVersion: '2025-05-01T00:00:00.000000Z',
    updatedAt: new Date().toISOString(),
    ...overrides,
  });

  it('finds a saved link from either side', async () => {
    // Act
    await links.save(link());
    // Assess
    await expect(links.findByPartneroId('prog-1', 'partner', 'partner-1')).resolves.toMatchObject({ attioRecordId: 'rec-1' });
    await expect(links.findByAttioRecordId('prog-1', 'rec-1')).resolves.toMatchObject({ partneroId: 'partner-1' });
    await expect(links.findByAttioRecordId('prog-2', 'rec-1')).resolves.toBeUndefined();
  });

  it('moves a link to the record that survived a merge, forgetting the old id', async () => {
    // Prepare
    await links.save(link({ partneroId: 'partner-2', attioRecordId: 'rec-old' }));
    // Act
    await links.moveAttioRecord('prog-1', 'rec-old', 'rec-new');
    // Assess
    await expect(links.findByAttioRecordId('prog-1', 'rec-old')).resolves.toBeUndefined();
    await expect(links.findByAttioRecordId('prog-1', 'rec-new')).resolves.toMatchObject({ partneroId: 'partner-2' });
    await expect(links.findByPartneroId('prog-1', 'partner', 'partner-2')).resolves.toMatchObject({ attioRecordId: 'rec-new' });
  });

  it('deletes both sides of a link', async () => {
    // Prepare
    const saved = link({ partneroId: 'partner-3', attioRecordId: 'rec-3' });
    await links.save(saved);
    // Act
    await links.delete(saved);
    // Assess
    await expect(links.findByPartneroId('prog-1', 'partner', 'partner-3')).resolves.toBeUndefined();
    await expect(links.findByAttioRecordId('prog-1', 'rec-3')).resolves.toBeUndefined();
  });
});
