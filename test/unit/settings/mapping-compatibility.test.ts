import { attioSyncAttributeSlugs } from '../../../shared/programs/attio-sync-attributes';
import { checkMapping, compatibleAttioTypes, isMappableAttribute, partneroFields, type AttioAttributeSummary } from '../../../shared/settings/mapping-compatibility';

const attribute = (slug: string, type: string, overrides: Partial<AttioAttributeSummary> = {}): AttioAttributeSummary => ({
  slug,
  title: slug.replace(/_/g, ' ').replace(/^./, (first) => first.toUpperCase()),
  type,
  isMultiselect: false,
  isWritable: true,
  isSystem: false,
  isUnique: false,
  ...overrides,
});

describe('which Partnero field may go into which Attio attribute', () => {
  it.each([
    ['partner', 'email', 'email-address'],
    ['partner', 'email', 'text'],
    ['partner', 'full_name', 'personal-name'],
    ['partner', 'approved', 'checkbox'],
    ['partner', 'tags', 'select'],
    ['customer', 'created_at', 'date'],
    ['transaction', 'amount', 'currency'],
    ['transaction', 'commission', 'number'],
  ] as const)('accepts a %s %s in a %s attribute', (kind, field, type) => {
    expect(checkMapping(kind, field, 'target', attribute('target', type))).toEqual({ ok: true });
  });

  it('refuses an incompatible pair and says which types would fit', () => {
    expect(checkMapping('partner', 'approved', 'phone_numbers', attribute('phone_numbers', 'phone-number'))).toEqual({
      ok: false,
      message: 'Approved is yes or no and cannot go into "Phone numbers", a Phone number attribute. Choose a Checkbox or Text attribute.',
    });
    expect(checkMapping('transaction', 'amount', 'stage', attribute('stage', 'status'))).toMatchObject({ ok: false, message: expect.stringContaining('Choose a Currency, Number or Text attribute') });
  });

  it('refuses an unknown Partnero field, a missing attribute, a read-only one and the sync’s own', () => {
    expect(checkMapping('partner', 'shoe_size', 'x', attribute('x', 'text'))).toMatchObject({ ok: false, message: '"shoe_size" is not a Partnero partner field.' });
    expect(checkMapping('partner', 'email', 'gone', undefined)).toMatchObject({ ok: false, message: expect.stringContaining('no attribute "gone"') });
    expect(checkMapping('partner', 'email', 'created_at', attribute('created_at', 'text', { isWritable: false }))).toMatchObject({ ok: false, message: expect.stringContaining('read-only') });
    expect(checkMapping('partner', 'id', attioSyncAttributeSlugs.source, attribute(attioSyncAttributeSlugs.source, 'text'))).toMatchObject({ ok: false, message: expect.stringContaining('kept up to date by the sync') });
  });

  it('offers only writable, non-system attributes that the sync does not own', () => {
    expect(isMappableAttribute(attribute('job_title', 'text'))).toBe(true);
    expect(isMappableAttribute(attribute('record_id', 'text', { isSystem: true }))).toBe(false);
    expect(isMappableAttribute(attribute('created_at', 'timestamp', { isWritable: false }))).toBe(false);
    expect(isMappableAttribute(attribute(attioSyncAttributeSlugs.source, 'text'))).toBe(false);
  });

  it('gives every Partnero field at least one Attio type, and names fields uniquely per record kind', () => {
    for (const fields of Object.values(partneroFields)) {
      for (const field of fields) expect(compatibleAttioTypes[field.kind].length).toBeGreaterThan(0);
      expect(new Set(fields.map((field) => field.name)).size).toBe(fields.length);
    }
  });
});
