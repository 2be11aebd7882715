import { attioWritesObserved, type WriteObserver } from '../../../shared/partnero-to-attio/own-actor-writes';
import type { AttioRecordsPort } from '../../../shared/attio/attio-records';

describe('attioWritesObserved', () => {
  const values = { partnero_partner_id: [{ value: 'p1' }] };
  const port = (failing = false): AttioRecordsPort => ({
    listAttributes: async () => [],
    listStatuses: async () => [],
    findPeopleByEmail: async () => [],
    findRecordsByValue: async () => [],
    assertRecord: async () => {
      if (failing) throw new Error('refused');
      return { recordId: 'r1', values };
    },
    updateRecord: async (_object, recordId) => (recordId === 'gone' ? undefined : { recordId, values }),
  });
  const observer = () => {
    const seen: Parameters<WriteObserver['afterWrite']>[0][] = [];
    return {
      seen,
      observer: { afterWrite: async (write: Parameters<WriteObserver['afterWrite']>[0]) => void seen.push(write) },
    };
  };

  it('shows each answered write with the attributes sent, and nothing of reads', async () => {
    // Prepare
    const { seen, observer: watching } = observer();
    const observed = attioWritesObserved(port(), watching);
    // Act
    await observed.assertRecord('people', 'partnero_partner_id', {
      partnero_partner_id: 'p1',
      email_addresses: ['a@example.com'],
    });
    await observed.updateRecord('people', 'r1', { partnero_partner_status: 'active' });
    await observed.updateRecord('people', 'gone', { partnero_partner_status: 'active' });
    await observed.findPeopleByEmail('a@example.com');
    await observed.listAttributes('people');
    // Assess
    expect(seen).toEqual([
      { sentAttributes: ['partnero_partner_id', 'email_addresses'], values },
      { sentAttributes: ['partnero_partner_status'], values },
    ]);
  });

  it('shows no failed write, and is the port itself when nobody watches', async () => {
    const { seen, observer: watching } = observer();
    await expect(
      attioWritesObserved(port(true), watching).assertRecord('people', 'partnero_partner_id', {}),
    ).rejects.toThrow('refused');
    expect(seen).toEqual([]);
    const plain = port();
    expect(attioWritesObserved(plain, undefined)).toBe(plain);
  });
});
