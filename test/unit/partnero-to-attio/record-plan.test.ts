import { PermanentError } from '../../../shared/errors';
import { objectSchemaOf } from '../../../shared/attio/attio-schema';
import { fingerprintOfAttioRecord } from '../../../shared/attio/record-fingerprint';
import { planRecordWrite } from '../../../shared/partnero-to-attio/record-plan';
import { readShapeOf } from './attio-read-shape';
import { attribute, peopleAttributes, peopleSchema } from './attribute-fixtures';

describe('planRecordWrite', () => {
  it('writes the tag, mapped values and marker, and hashes what they read back as', () => {
    // Act
    const plan = planRecordWrite(
      'people',
      'partnero_partner_id',
      [
        { slug: 'email_addresses', value: 'John@Doe.example' },
        { slug: 'partnero_partner_id', value: 'partner_1' },
        { slug: 'partnero_source', value: 'Partnero' },
      ],
      peopleSchema,
    );
    // Assess
    expect(plan.values).toEqual({
      email_addresses: ['john@doe.example'],
      partnero_partner_id: 'partner_1',
      partnero_source: 'Partnero',
    });
    expect(plan.comparable).toEqual({
      email_addresses: ['john@doe.example'],
      partnero_partner_id: 'partner_1',
      partnero_source: 'Partnero',
    });
    expect(plan.adoptBy).toBe('email_addresses');
  });

  it('lets a later value of the same attribute win, so the sync tag beats a mapping onto it', () => {
    // Act
    const plan = planRecordWrite(
      'people',
      'partnero_partner_id',
      [
        { slug: 'partnero_partner_id', value: 'from a mapping' },
        { slug: 'partnero_partner_id', value: 'partner_1' },
      ],
      peopleSchema,
    );
    // Assess
    expect(plan.values).toEqual({ partnero_partner_id: 'partner_1' });
  });

  it('hashes the same values the same whatever their order', () => {
    // Prepare
    const values = [
      { slug: 'job_title', value: 'Affiliate' },
      { slug: 'partnero_partner_id', value: 'partner_1' },
    ];
    // Act
    const [first, second] = [
      planRecordWrite('people', 'partnero_partner_id', values, peopleSchema),
      planRecordWrite('people', 'partnero_partner_id', [...values].reverse(), peopleSchema),
    ];
    // Assess
    expect(first.hash).toBe(second.hash);
  });

  it('refuses a mapping onto an attribute the object does not have', () => {
    expect(() =>
      planRecordWrite(
        'people',
        'partnero_partner_id',
        [
          { slug: 'nickname', value: 'x' },
          { slug: 'partnero_partner_id', value: 'p' },
        ],
        peopleSchema,
      ),
    ).toThrow(/people object has no attribute "nickname"/);
  });

  it('leaves out an optional sync attribute the workspace lacks, with a note', () => {
    // Prepare
    const schema = objectSchemaOf(peopleAttributes.filter((candidate) => candidate.slug !== 'partnero_partner_status'));
    // Act
    const plan = planRecordWrite(
      'people',
      'partnero_partner_id',
      [
        { slug: 'partnero_partner_id', value: 'p' },
        { slug: 'partnero_partner_status', value: 'active', optional: true },
      ],
      schema,
    );
    // Assess
    expect(plan.values).toEqual({ partnero_partner_id: 'p' });
    expect(plan.notes).toEqual(['partnero_partner_status not written: the people object has no such attribute']);
  });

  it('refuses to assert on a tag that is not unique or is empty', () => {
    // Prepare
    const schema = objectSchemaOf([attribute('partnero_partner_id', 'text')]);
    // Act / Assess
    expect(() =>
      planRecordWrite('partners', 'partnero_partner_id', [{ slug: 'partnero_partner_id', value: 'p' }], schema),
    ).toThrow(PermanentError);
    expect(() =>
      planRecordWrite('people', 'partnero_partner_id', [{ slug: 'partnero_partner_id', value: '' }], peopleSchema),
    ).toThrow(/is empty/);
  });

  it('has nothing to adopt by when no unique value is written', () => {
    expect(
      planRecordWrite(
        'people',
        'partnero_partner_id',
        [
          { slug: 'partnero_partner_id', value: 'p' },
          { slug: 'job_title', value: 'x' },
        ],
        peopleSchema,
      ).adoptBy,
    ).toBeUndefined();
  });
});

describe('fingerprintOfAttioRecord', () => {
  it('equals the plan hash for the record as Attio reads it back, extra attributes aside', () => {
    // Prepare
    const plan = planRecordWrite(
      'people',
      'partnero_partner_id',
      [
        { slug: 'email_addresses', value: 'john@doe.example' },
        { slug: 'name', value: { kind: 'person-name', firstName: 'John', lastName: 'Doe' } },
        { slug: 'partnero_partner_id', value: 'partner_1' },
      ],
      peopleSchema,
    );
    const record = Object.fromEntries(
      Object.entries(plan.values).map(([slug, write]) => [slug, readShapeOf(peopleSchema.get(slug)!, write)]),
    );
    record.job_title = readShapeOf(peopleSchema.get('job_title')!, 'set by sales');
    // Act
    const fingerprint = fingerprintOfAttioRecord(record, peopleSchema, [
      'email_addresses',
      'name',
      'partnero_partner_id',
      'partnero_source',
    ]);
    // Assess
    expect(fingerprint).toBe(plan.hash);
  });

  it('differs once someone changed a synced attribute in Attio', () => {
    // Prepare
    const plan = planRecordWrite(
      'people',
      'partnero_partner_id',
      [
        { slug: 'partnero_partner_id', value: 'partner_1' },
        { slug: 'job_title', value: 'Affiliate' },
      ],
      peopleSchema,
    );
    const record = {
      partnero_partner_id: readShapeOf(peopleSchema.get('partnero_partner_id')!, 'partner_1'),
      job_title: readShapeOf(peopleSchema.get('job_title')!, 'Head of Sales'),
    };
    // Act / Assess
    expect(fingerprintOfAttioRecord(record, peopleSchema, ['partnero_partner_id', 'job_title'])).not.toBe(plan.hash);
  });
});
