import { attioSyncAttributeSlugs } from '../../../shared/programs/attio-sync-attributes';
import { defaultProgramSettings } from '../../../shared/programs/program-settings';
import { toAttributeSummary } from '../../../shared/settings/attio-catalog';
import { validateSettings } from '../../../shared/settings/settings-validation';
import {
  checkMapping,
  compatibleAttioTypes,
  isMappableAttribute,
  partneroFields,
  type AttioAttributeSummary,
} from '../../../shared/settings/mapping-compatibility';
import { listedAttribute } from './listed-attribute';

const attribute = (
  slug: string,
  type: string,
  overrides: Partial<AttioAttributeSummary> = {},
): AttioAttributeSummary => ({
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
      message:
        'Approved is yes or no and cannot go into "Phone numbers", a Phone number attribute. Choose a Checkbox or Text attribute.',
    });
    expect(
      checkMapping('transaction', 'amount', 'pipeline_status', attribute('pipeline_status', 'status')),
    ).toMatchObject({ ok: false, message: expect.stringContaining('Choose a Currency, Number or Text attribute') });
  });

  it('refuses an unknown Partnero field, a missing attribute, a read-only one and the sync’s own', () => {
    expect(checkMapping('partner', 'shoe_size', 'x', attribute('x', 'text'))).toMatchObject({
      ok: false,
      message: '"shoe_size" is not a Partnero partner field.',
    });
    expect(checkMapping('partner', 'email', 'gone', undefined)).toMatchObject({
      ok: false,
      message: expect.stringContaining('no attribute "gone"'),
    });
    expect(
      checkMapping('partner', 'email', 'created_at', attribute('created_at', 'text', { isWritable: false })),
    ).toMatchObject({ ok: false, message: expect.stringContaining('read-only') });
    expect(
      checkMapping('partner', 'id', attioSyncAttributeSlugs.source, attribute(attioSyncAttributeSlugs.source, 'text')),
    ).toMatchObject({ ok: false, message: expect.stringContaining('kept up to date by the sync') });
  });

  // The old rule hid and refused every `is_system_attribute`, i.e. every standard attribute
  // Attio ships (people `name`, `email_addresses`, ...); writability is `is_writable` alone.
  it('offers every writable attribute the sync does not own, Attio’s system attributes included', () => {
    expect(isMappableAttribute(attribute('job_title', 'text'))).toBe(true);
    expect(isMappableAttribute(attribute('name', 'personal-name', { isSystem: true }))).toBe(true);
    expect(
      isMappableAttribute(
        attribute('email_addresses', 'email-address', { isSystem: true, isMultiselect: true, isUnique: true }),
      ),
    ).toBe(true);
    expect(isMappableAttribute(attribute('record_id', 'text', { isSystem: true, isWritable: false }))).toBe(false);
    expect(isMappableAttribute(attribute('created_at', 'timestamp', { isWritable: false }))).toBe(false);
    expect(isMappableAttribute(attribute(attioSyncAttributeSlugs.source, 'text'))).toBe(false);
  });

  it('accepts a mapping to a writable system attribute and refuses only a read-only one', () => {
    expect(
      checkMapping(
        'partner',
        'email',
        'email_addresses',
        attribute('email_addresses', 'email-address', { isSystem: true }),
      ),
    ).toEqual({ ok: true });
    expect(
      checkMapping('customer', 'full_name', 'name', attribute('name', 'personal-name', { isSystem: true })),
    ).toEqual({ ok: true });
    expect(checkMapping('partner', 'full_name', 'name', attribute('name', 'text', { isSystem: true }))).toEqual({
      ok: true,
    });
    expect(
      checkMapping(
        'partner',
        'key',
        'avatar_url',
        attribute('avatar_url', 'text', { isSystem: true, isWritable: false }),
      ),
    ).toMatchObject({ ok: false, message: expect.stringContaining('read-only') });
  });

  it('lets the default settings pass their own save against Attio’s standard attributes as Attio lists them', () => {
    // Prepare: People and Deals attributes as `GET /v2/objects/{object}/attributes` gives them (all system, docs standard-objects).
    const listed = listedAttribute;
    const people = [
      listed('record_id', 'text', { is_writable: false }),
      listed('email_addresses', 'email-address', { is_multiselect: true, is_unique: true }),
      listed('name', 'personal-name'),
    ];
    const settings = defaultProgramSettings();
    settings.customers.enabled = true;
    settings.deals.wonStageId = 'won';

    // Act
    const result = validateSettings(settings, {
      attributes: {
        people: people.map(toAttributeSummary),
        deals: [listed('value', 'currency')].map(toAttributeSummary),
      },
      dealStages: [{ id: 'won', title: 'Won' }],
    });

    // Assess
    expect(result).toEqual({ ok: true, settings });
    expect(
      people
        .map(toAttributeSummary)
        .filter(isMappableAttribute)
        .map((summary) => summary.slug),
    ).toEqual(['email_addresses', 'name']);
  });

  it('gives every Partnero field at least one Attio type, and names fields uniquely per record kind', () => {
    for (const fields of Object.values(partneroFields)) {
      for (const field of fields) expect(compatibleAttioTypes[field.kind].length).toBeGreaterThan(0);
      expect(new Set(fields.map((field) => field.name)).size).toBe(fields.length);
    }
  });
});
