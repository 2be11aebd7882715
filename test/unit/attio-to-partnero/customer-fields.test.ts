import {
  customerAfter,
  customerChanges,
  customerFieldsFromPerson,
  hasChanges,
} from '../../../shared/attio-to-partnero/customer-fields';
import type { PartneroCustomer } from '../../../shared/partnero/resource-schemas';
import type { FieldMapping } from '../../../shared/programs/program-settings';
import { aPerson } from './attio-records';

const defaultMapping: FieldMapping[] = [
  { partneroField: 'email', attioAttribute: 'email_addresses' },
  { partneroField: 'full_name', attioAttribute: 'name' },
];

function aCustomer(overrides: Partial<PartneroCustomer> = {}): PartneroCustomer {
  return {
    key: 'c1',
    email: 'ada@example.com',
    name: 'Ada',
    surname: 'Lovelace',
    partner: 'partner-1',
    tags: [],
    ...overrides,
  };
}

describe('customerFieldsFromPerson', () => {
  it('maps the primary email and splits the personal name into name and surname', () => {
    // Prepare
    const person = aPerson('r1', { emails: ['ada@new.test', 'ada@old.test'], firstName: 'Ada', lastName: 'King' });
    // Act
    const fields = customerFieldsFromPerson(person, defaultMapping, undefined);
    // Assess
    expect(fields).toEqual({ email: 'ada@new.test', name: 'Ada', surname: 'King' });
  });

  it("keeps the customer's email when the person still holds it among several", () => {
    // Prepare
    const person = aPerson('r1', { emails: ['ada@new.test', 'ada@example.com'] });
    // Act
    const fields = customerFieldsFromPerson(person, defaultMapping, aCustomer());
    // Assess
    expect(fields.email).toBe('ada@example.com');
  });

  it('sets nothing from an empty attribute and ignores fields Partnero owns', () => {
    // Prepare
    const person = aPerson('r1', { emails: [] });
    const mapping: FieldMapping[] = [
      ...defaultMapping,
      { partneroField: 'status', attioAttribute: 'partnero_customer_status' },
      { partneroField: 'key', attioAttribute: 'partnero_customer_key' },
    ];
    // Act
    const fields = customerFieldsFromPerson(person, mapping, aCustomer());
    // Assess
    expect(fields).toEqual({});
  });

  it('maps name and surname separately from a personal name, and tags from a multi-select', () => {
    // Prepare
    const person = aPerson('r1', { firstName: 'Grace', lastName: 'Hopper', tags: ['vip', 'beta'] });
    const mapping: FieldMapping[] = [
      { partneroField: 'name', attioAttribute: 'name' },
      { partneroField: 'surname', attioAttribute: 'name' },
      { partneroField: 'tags', attioAttribute: 'segments' },
    ];
    // Act
    const fields = customerFieldsFromPerson(person, mapping, undefined);
    // Assess
    expect(fields).toEqual({ name: 'Grace', surname: 'Hopper', tags: ['vip', 'beta'] });
  });
});

describe('customerChanges', () => {
  it('keeps only what differs from the customer', () => {
    // Act
    const changes = customerChanges(aCustomer(), { email: 'ADA@example.com', name: 'Ada', surname: 'King' });
    // Assess
    expect(changes).toEqual({ surname: 'King' });
    expect(hasChanges(changes)).toBe(true);
  });

  it('finds nothing to change when the customer already holds the values', () => {
    // Act
    const changes = customerChanges(aCustomer({ tags: [{ value: 'b' }, { value: 'a' }] }), {
      email: 'ada@example.com',
      name: 'Ada',
      surname: 'Lovelace',
      tags: ['a', 'b'],
    });
    // Assess
    expect(hasChanges(changes)).toBe(false);
  });

  it('describes the customer Partnero will hold after the changes', () => {
    // Act
    const after = customerAfter(aCustomer(), { surname: 'King', tags: ['vip'] });
    // Assess
    expect(after).toMatchObject({ key: 'c1', email: 'ada@example.com', surname: 'King', tags: [{ value: 'vip' }] });
  });
});
