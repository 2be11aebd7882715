import { PermanentError } from '../../../shared/errors';
import { comparableFromAttio } from '../../../shared/attio/attio-value-reader';
import { convertForAttio } from '../../../shared/attio/attio-value-writer';
import type { SyncValue } from '../../../shared/attio/sync-values';
import { readShapeOf } from '../partnero-to-attio/attio-read-shape';
import { attribute, dealStages } from '../partnero-to-attio/attribute-fixtures';

describe('convertForAttio', () => {
  it.each([
    ['a text', attribute('job_title', 'text'), ' Partner  ', 'Partner'],
    [
      'an email list, lower-cased',
      attribute('email_addresses', 'email-address', { isMultiselect: true }),
      'John@Example.com',
      ['john@example.com'],
    ],
    [
      'a domain list, without scheme or path',
      attribute('domains', 'domain', { isMultiselect: true }),
      'https://Acme.example/about',
      ['acme.example'],
    ],
    ['a number from a numeric string', attribute('score', 'number'), '42.5', 42.5],
    ['a checkbox', attribute('approved', 'checkbox'), true, true],
    ['a date, cut to the day', attribute('since', 'date'), '2025-05-07T10:30:00.000000Z', '2025-05-07'],
    ['a select by title', attribute('tier', 'select'), 'Gold', 'Gold'],
    [
      'a multiselect from tags',
      attribute('labels', 'select', { isMultiselect: true }),
      ['vip', 'new', 'vip'],
      ['vip', 'new'],
    ],
  ])('writes %s', (_label, target, value, expected) => {
    // Act
    const converted = convertForAttio(target, value as SyncValue);
    // Assess
    expect(converted).toMatchObject({ outcome: 'write', write: expected });
  });

  it('writes a personal name as the object with all three parts', () => {
    // Act
    const converted = convertForAttio(attribute('name', 'personal-name'), {
      kind: 'person-name',
      firstName: 'Ada',
      lastName: 'Lovelace',
    });
    // Assess
    expect(converted).toMatchObject({
      outcome: 'write',
      write: { first_name: 'Ada', last_name: 'Lovelace', full_name: 'Ada Lovelace' },
    });
  });

  it('splits a plain text into first name and the rest for a personal name', () => {
    expect(convertForAttio(attribute('name', 'personal-name'), 'Mary Ann  Evans')).toMatchObject({
      write: { first_name: 'Mary', last_name: 'Ann Evans' },
    });
  });

  it('writes a full name into a text attribute (a company name)', () => {
    expect(
      convertForAttio(attribute('name', 'text'), { kind: 'person-name', firstName: 'Ada', lastName: '' }),
    ).toMatchObject({ write: 'Ada' });
  });

  it('writes an amount into a currency attribute of the same currency', () => {
    expect(
      convertForAttio(attribute('value', 'currency', { currencyCode: 'EUR' }), {
        kind: 'money',
        amount: 10.5,
        currency: 'eur',
      }),
    ).toMatchObject({ outcome: 'write', write: 10.5 });
  });

  it('leaves a currency attribute of another currency empty instead of reinterpreting the amount', () => {
    // Act
    const converted = convertForAttio(attribute('value', 'currency', { currencyCode: 'USD' }), {
      kind: 'money',
      amount: 100,
      currency: 'EUR',
    });
    // Assess
    expect(converted).toEqual({
      outcome: 'skipped',
      reason: 'value left empty: the amount is in EUR, the attribute in USD',
    });
  });

  it('writes an amount without currency (the program currency) into a currency attribute', () => {
    expect(
      convertForAttio(attribute('value', 'currency', { currencyCode: 'USD' }), {
        kind: 'money',
        amount: 5,
        currency: null,
      }),
    ).toMatchObject({ outcome: 'write', write: 5 });
  });

  it('writes an amount into a text attribute with its currency', () => {
    expect(
      convertForAttio(attribute('amount_text', 'text'), { kind: 'money', amount: 99.9, currency: 'GBP' }),
    ).toMatchObject({ write: '99.90 GBP' });
  });

  it('writes a stage by status id, an owner as a workspace member and people as record references', () => {
    // Act
    const stage = convertForAttio(attribute('stage', 'status'), {
      kind: 'status',
      statusId: 'stage-won',
      title: 'Won 🎉',
    });
    const owner = convertForAttio(attribute('owner', 'actor-reference'), {
      kind: 'workspace-member',
      workspaceMemberId: 'member-1',
    });
    const people = convertForAttio(attribute('associated_people', 'record-reference', { isMultiselect: true }), {
      kind: 'records',
      references: [{ object: 'people', recordId: 'r1' }],
    });
    // Assess
    expect(stage).toMatchObject({ write: { status: 'stage-won' } });
    expect(owner).toMatchObject({
      write: { referenced_actor_type: 'workspace-member', referenced_actor_id: 'member-1' },
    });
    expect(people).toMatchObject({ write: [{ target_object: 'people', target_record_id: 'r1' }] });
  });

  it('writes nothing for an empty value, so a field Partnero lacks never clears what Attio has', () => {
    expect(convertForAttio(attribute('job_title', 'text'), null)).toEqual({ outcome: 'empty' });
    expect(convertForAttio(attribute('job_title', 'text'), '  ')).toEqual({ outcome: 'empty' });
    expect(
      convertForAttio(attribute('email_addresses', 'email-address', { isMultiselect: true }), 'not an email'),
    ).toEqual({ outcome: 'empty' });
  });

  it('refuses a value the attribute type cannot hold, and a type the sync cannot write', () => {
    expect(() => convertForAttio(attribute('score', 'number'), 'many')).toThrow(PermanentError);
    expect(() => convertForAttio(attribute('owner', 'actor-reference'), 'someone')).toThrow(/cannot take a string/);
    expect(() => convertForAttio(attribute('hq', 'location'), 'Paris')).toThrow(/type location/);
  });
});

describe('comparableFromAttio', () => {
  it.each([
    ['text', attribute('job_title', 'text'), 'Partner'],
    [
      'email list',
      attribute('email_addresses', 'email-address', { isMultiselect: true }),
      ['B@x.example', 'a@x.example'],
    ],
    ['domain list', attribute('domains', 'domain', { isMultiselect: true }), ['acme.example']],
    [
      'personal name',
      attribute('name', 'personal-name'),
      { kind: 'person-name', firstName: 'Ada', lastName: 'Lovelace' },
    ],
    ['number', attribute('score', 'number'), 3],
    [
      'currency',
      attribute('value', 'currency', { currencyCode: 'USD' }),
      { kind: 'money', amount: 99.99, currency: 'USD' },
    ],
    ['checkbox', attribute('approved', 'checkbox'), false],
    ['date', attribute('since', 'date'), '2025-05-07'],
    ['timestamp', attribute('seen_at', 'timestamp'), '2025-05-07T10:30:00.000000Z'],
    ['select list', attribute('labels', 'select', { isMultiselect: true }), ['vip', 'new']],
    ['stage', attribute('stage', 'status'), { kind: 'status', statusId: 'stage-won', title: 'Won 🎉' }],
    ['owner', attribute('owner', 'actor-reference'), { kind: 'workspace-member', workspaceMemberId: 'member-1' }],
    [
      'people',
      attribute('associated_people', 'record-reference', { isMultiselect: true }),
      {
        kind: 'records',
        references: [
          { object: 'people', recordId: 'r2' },
          { object: 'people', recordId: 'r1' },
        ],
      },
    ],
    ['phone', attribute('phone_numbers', 'phone-number', { isMultiselect: true }), '+1 555 867 5309'],
  ])('reads back a written %s as the comparable computed when writing it', (_label, target, value) => {
    // Prepare
    const converted = convertForAttio(target, value as SyncValue);
    if (converted.outcome !== 'write') throw new Error('expected a write');
    // Act
    const readBack = comparableFromAttio(target, readShapeOf(target, converted.write, dealStages));
    // Assess
    expect(readBack).toEqual(converted.comparable);
  });

  it('ignores values that are no longer current', () => {
    // Prepare
    const values = [
      { value: 'old', active_until: '2025-01-01T00:00:00.000000000Z' },
      { value: 'new', active_until: null },
    ];
    // Act / Assess
    expect(comparableFromAttio(attribute('job_title', 'text'), values)).toBe('new');
  });

  it('reads an empty attribute as absent', () => {
    expect(
      comparableFromAttio(attribute('email_addresses', 'email-address', { isMultiselect: true }), []),
    ).toBeUndefined();
    expect(comparableFromAttio(attribute('job_title', 'text'), undefined)).toBeUndefined();
  });
});
