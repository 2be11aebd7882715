import { LinkRepository, type RecordLink } from '../../../shared/sync/link-repository';
import type { SyncTable } from '../../../shared/store/sync-table';
import { freshSyncTable } from '../../support/sync-table-fixture';

describe('LinkRepository', () => {
  let links: LinkRepository;
  let table: SyncTable;
  let close: () => void;

  beforeAll(async () => {
    const fixture = await freshSyncTable('links');
    table = fixture.table;
    links = new LinkRepository(fixture.table);
    close = fixture.close;
  });

  /** The same table through a client that dies (as a killed worker would) at its second request. */
  function linksDyingAtSecondWrite(): LinkRepository {
    let requests = 0;
    const client = new Proxy(table.client, {
      get(target, property, receiver) {
        if (property !== 'send') return Reflect.get(target, property, receiver) as unknown;
        return async (command: Parameters<typeof target.send>[0]) => {
          requests += 1;
          if (requests === 2) throw new Error('worker killed');
          return target.send(command);
        };
      },
    });
    return new LinkRepository({ client, tableName: table.tableName });
  }
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
    await expect(links.findByPartneroId('prog-1', 'partner', 'partner-1')).resolves.toMatchObject({
      attioRecordId: 'rec-1',
    });
    await expect(links.findByAttioRecordId('prog-1', 'rec-1', 'partner')).resolves.toMatchObject({
      partneroId: 'partner-1',
    });
    await expect(links.findByAttioRecordId('prog-2', 'rec-1', 'partner')).resolves.toBeUndefined();
  });

  it('keeps a partner link and a customer link of the same Attio person apart', async () => {
    // Prepare
    const asPartner = link({ partneroId: 'partner-both', attioRecordId: 'rec-both', attioWrittenHash: 'partner-hash' });
    const asCustomer = link({
      kind: 'customer',
      partneroId: 'customer-both',
      attioRecordId: 'rec-both',
      attioWrittenHash: 'customer-hash',
    });
    // Act
    await links.save(asPartner);
    await links.save(asCustomer);
    // Assess
    await expect(links.findByAttioRecordId('prog-1', 'rec-both', 'partner')).resolves.toMatchObject({
      partneroId: 'partner-both',
      attioWrittenHash: 'partner-hash',
    });
    await expect(links.findByAttioRecordId('prog-1', 'rec-both', 'customer')).resolves.toMatchObject({
      partneroId: 'customer-both',
      attioWrittenHash: 'customer-hash',
    });
    const both = await links.linksOfAttioRecord('prog-1', 'rec-both');
    expect(both.map((found) => found.kind).sort()).toEqual(['customer', 'partner']);
    // A record id that merely starts like another is not taken for it.
    await expect(links.linksOfAttioRecord('prog-1', 'rec-bo')).resolves.toEqual([]);
  });

  it('moves a link to the record that survived a merge, forgetting the old id', async () => {
    // Prepare
    const old = link({ partneroId: 'partner-2', attioRecordId: 'rec-old' });
    await links.save(old);
    // Act
    await links.moveToAttioRecord(old, 'rec-new');
    // Assess
    await expect(links.findByAttioRecordId('prog-1', 'rec-old', 'partner')).resolves.toBeUndefined();
    await expect(links.findByAttioRecordId('prog-1', 'rec-new', 'partner')).resolves.toMatchObject({
      partneroId: 'partner-2',
    });
    await expect(links.findByPartneroId('prog-1', 'partner', 'partner-2')).resolves.toMatchObject({
      attioRecordId: 'rec-new',
    });
  });

  it('deletes both sides of a link', async () => {
    // Prepare
    const saved = link({ partneroId: 'partner-3', attioRecordId: 'rec-3' });
    await links.save(saved);
    // Act
    await links.delete(saved);
    // Assess
    await expect(links.findByPartneroId('prog-1', 'partner', 'partner-3')).resolves.toBeUndefined();
    await expect(links.findByAttioRecordId('prog-1', 'rec-3', 'partner')).resolves.toBeUndefined();
  });

  it.each([
    ['partnero', 'attio'],
    ['attio', 'partnero'],
  ] as const)(
    'a save found by its %s side and interrupted between its puts leaves that side as it was and the %s side written',
    async (foundBy, otherSide) => {
      // Prepare
      const before = link({
        partneroId: `partner-cut-${foundBy}`,
        attioRecordId: `rec-cut-${foundBy}`,
        attioWrittenHash: 'before',
      });
      await links.save(before);
      // Act
      await expect(
        linksDyingAtSecondWrite().save({ ...before, attioWrittenHash: 'after' }, { foundBy }),
      ).rejects.toThrow('worker killed');
      // Assess
      const bySide = {
        partnero: await links.findByPartneroId('prog-1', 'partner', before.partneroId),
        attio: await links.findByAttioRecordId('prog-1', before.attioRecordId, 'partner'),
      };
      expect(bySide[foundBy]).toMatchObject({ attioWrittenHash: 'before' });
      expect(bySide[otherSide]).toMatchObject({ attioWrittenHash: 'after' });
    },
  );

  it('a sale linked from a won deal is found by the other direction even when the save dies before its deal side', async () => {
    // Prepare
    const sale = link({
      kind: 'transaction',
      partneroId: 'sale-1',
      attioObject: 'deals',
      attioRecordId: 'deal-1',
      attioWrittenHash: null,
    });
    // Act
    await expect(linksDyingAtSecondWrite().save(sale, { foundBy: 'attio' })).rejects.toThrow('worker killed');
    // Assess: the deal's retry finds no link and links it again; Partnero's transaction.created finds the deal.
    await expect(links.findByAttioRecordId('prog-1', 'deal-1', 'transaction')).resolves.toBeUndefined();
    await expect(links.findByPartneroId('prog-1', 'transaction', 'sale-1')).resolves.toMatchObject({
      attioRecordId: 'deal-1',
    });
  });
});
