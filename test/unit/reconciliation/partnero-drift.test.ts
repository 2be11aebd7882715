import type { ListedRecord } from '../../../shared/backfill/record-messages';
import type { PartneroPartner } from '../../../shared/partnero/resource-schemas';
import { planCustomerPerson } from '../../../shared/partnero-to-attio/customer-record';
import { planPartnerRecord } from '../../../shared/partnero-to-attio/partner-record';
import { partneroFingerprint } from '../../../shared/partnero/partnero-fingerprint';
import { defaultProgramSettings } from '../../../shared/programs/program-settings';
import { partneroDrift } from '../../../shared/reconciliation/partnero-drift';
import type { RecordLink } from '../../../shared/sync/link-repository';
import { peopleSchema } from '../partnero-to-attio/attribute-fixtures';

const settings = defaultProgramSettings();
settings.customers.enabled = true;

function aPartner(fields: Partial<PartneroPartner> = {}): PartneroPartner {
  return {
    id: 'p-1',
    email: 'jane@example.com',
    name: 'Jane',
    surname: 'Roe',
    status: 'active',
    approved: true,
    updated_at: '2026-01-01T00:00:00.000000Z',
    ...fields,
  };
}

function linkFor(
  kind: RecordLink['kind'],
  partneroId: string,
  attioWrittenHash: string | null,
  fields: Partial<RecordLink> = {},
): RecordLink {
  return {
    programId: 'prog',
    kind,
    partneroId,
    attioObject: 'people',
    attioRecordId: 'rec-1',
    attioWrittenHash,
    partneroWrittenHash: null,
    partneroVersion: null,
    updatedAt: '2026-01-01T00:00:00Z',
    ...fields,
  };
}

const partner = (record: PartneroPartner): ListedRecord => ({ kind: 'partner', record });

describe('partneroDrift', () => {
  it('finds a partner without a link', () => {
    expect(partneroDrift(partner(aPartner()), undefined, settings, peopleSchema)).toBe(
      'the partner has no Attio record (a missed webhook)',
    );
  });

  it('finds nothing when the link holds the hash of what the worker would write now', () => {
    // Prepare
    const current = planPartnerRecord(aPartner(), 'active', settings.partners, peopleSchema);
    // Act, Assess
    expect(
      partneroDrift(partner(aPartner()), linkFor('partner', 'p-1', current.hash), settings, peopleSchema),
    ).toBeUndefined();
  });

  it('finds nothing when the record also holds an email the sales team added, as long as the last write sent what the worker would send now', () => {
    // Prepare
    const current = planPartnerRecord(aPartner(), 'active', settings.partners, peopleSchema);
    // Act, Assess
    expect(
      partneroDrift(
        partner(aPartner()),
        linkFor('partner', 'p-1', 'hash-of-the-record-with-two-emails', { attioPlannedHash: current.hash }),
        settings,
        peopleSchema,
      ),
    ).toBeUndefined();
  });

  it('finds a partner changed since the last write (a missed update)', () => {
    // Prepare
    const old = planPartnerRecord(aPartner({ surname: 'Doe' }), 'active', settings.partners, peopleSchema);
    // Act, Assess
    expect(partneroDrift(partner(aPartner()), linkFor('partner', 'p-1', old.hash), settings, peopleSchema)).toBe(
      'Attio holds other values than Partnero has (a missed update)',
    );
  });

  it('accepts a rejected partner shown as rejected, though Partnero reports it pending', () => {
    // Prepare
    const rejected = aPartner({ status: 'pending', approved: false });
    const written = planPartnerRecord(rejected, 'rejected', settings.partners, peopleSchema);
    // Act, Assess
    expect(
      partneroDrift(partner(rejected), linkFor('partner', 'p-1', written.hash), settings, peopleSchema),
    ).toBeUndefined();
  });

  it('finds a partner whose record sits in another object than the settings name', () => {
    const current = planPartnerRecord(aPartner(), 'active', settings.partners, peopleSchema);
    expect(
      partneroDrift(
        partner(aPartner()),
        linkFor('partner', 'p-1', current.hash, { attioObject: 'companies' }),
        settings,
        peopleSchema,
      ),
    ).toMatch(/is in companies, the settings say people/);
  });

  it('finds nothing when Partnero holds what the Attio -> Partnero direction wrote (the worker would call it an echo)', () => {
    const fingerprint = partneroFingerprint('partner', aPartner(), settings.partners.fieldMappings);
    expect(
      partneroDrift(
        partner(aPartner()),
        linkFor('partner', 'p-1', 'stale-hash', { partneroWrittenHash: fingerprint }),
        settings,
        peopleSchema,
      ),
    ).toBeUndefined();
  });

  it('leaves alone a partner whose mapping the workspace cannot hold: every event is refused the same way', () => {
    const broken = {
      ...settings,
      partners: {
        ...settings.partners,
        fieldMappings: [{ partneroField: 'email', attioAttribute: 'no_such_attribute' }],
      },
    };
    expect(partneroDrift(partner(aPartner()), linkFor('partner', 'p-1', 'any'), broken, peopleSchema)).toBeUndefined();
  });

  it('compares customers the same way and skips deleted ones', () => {
    // Prepare
    const customer = { key: 'c-1', email: 'bo@example.com', name: 'Bo', status: 'active' };
    const written = planCustomerPerson(customer, 'active', settings.customers, peopleSchema);
    // Act, Assess
    expect(partneroDrift({ kind: 'customer', record: customer }, undefined, settings, peopleSchema)).toBe(
      'the customer has no Attio person (a missed webhook)',
    );
    expect(
      partneroDrift(
        { kind: 'customer', record: customer },
        linkFor('customer', 'c-1', written.hash),
        settings,
        peopleSchema,
      ),
    ).toBeUndefined();
    expect(
      partneroDrift(
        { kind: 'customer', record: { ...customer, name: 'Bob' } },
        linkFor('customer', 'c-1', written.hash),
        settings,
        peopleSchema,
      ),
    ).toMatch(/missed update/);
    expect(
      partneroDrift({ kind: 'customer', record: { ...customer, deleted: true } }, undefined, settings, peopleSchema),
    ).toBeUndefined();
  });

  it('finds a sale only when it has no deal: a sale never changes', () => {
    const sale: ListedRecord = { kind: 'transaction', record: { key: 's-1', amount: 10, customer: 'c-1' } };
    expect(partneroDrift(sale, undefined, settings, peopleSchema)).toBe(
      'the sale has no Attio deal (a missed webhook)',
    );
    expect(
      partneroDrift(sale, linkFor('transaction', 's-1', null, { attioObject: 'deals' }), settings, peopleSchema),
    ).toBeUndefined();
  });
});
