import {
  emailsOf,
  moneyOf,
  personNameOf,
  referencedIdsOf,
  statusIdOf,
  textOf,
  textsOf,
} from '../../../shared/attio-to-partnero/attio-record';
import { aDeal, aPerson, aRecord, WON_STAGE } from './attio-records';

describe('reading re-fetched Attio values', () => {
  it('reads a deal stage as its status id, its value with its currency and its people in order', () => {
    // Prepare
    const deal = aDeal('deal-1', { stageId: WON_STAGE, amount: 1234.5, currency: 'eur', people: ['p-2', 'p-1'] });
    // Act & Assess
    expect(statusIdOf(deal, 'stage')).toBe(WON_STAGE);
    expect(moneyOf(deal, 'value')).toEqual({ amount: 1234.5, currency: 'EUR' });
    expect(referencedIdsOf(deal, 'associated_people')).toEqual(['p-2', 'p-1']);
  });

  it('ignores values Attio keeps only as history', () => {
    // Prepare
    const deal = aRecord('o', 'deal-1', {
      stage: [
        {
          attribute_type: 'status',
          active_until: '2025-05-02T00:00:00Z',
          status: { id: { status_id: 'old' }, title: 'Old' },
        },
        { attribute_type: 'status', active_until: null, status: { id: { status_id: 'new' }, title: 'New' } },
      ],
    });
    // Act & Assess
    expect(statusIdOf(deal, 'stage')).toBe('new');
  });

  it('reads nothing from an empty attribute', () => {
    // Prepare
    const deal = aDeal('deal-1', { people: [] });
    // Act & Assess
    expect(moneyOf(deal, 'value')).toBeUndefined();
    expect(referencedIdsOf(deal, 'associated_people')).toEqual([]);
    expect(textOf(deal, 'missing')).toBeUndefined();
  });

  it('reads emails lower-cased and without repeats, the primary first', () => {
    // Prepare
    const person = aPerson('person-1', { emails: ['Ada@Example.com', 'ada@example.com', 'ada@work.test'] });
    // Act & Assess
    expect(emailsOf(person, 'email_addresses')).toEqual(['ada@example.com', 'ada@work.test']);
  });

  it('reads a personal name, and splits a text name at its first space', () => {
    // Prepare
    const person = aPerson('person-1', { firstName: 'Ada', lastName: 'King Lovelace' });
    const texted = aRecord('o', 'r', { nickname: [{ attribute_type: 'text', value: 'Grace Brewster Hopper' }] });
    // Act & Assess
    expect(personNameOf(person, 'name')).toEqual({ firstName: 'Ada', lastName: 'King Lovelace' });
    expect(personNameOf(texted, 'nickname')).toEqual({ firstName: 'Grace', lastName: 'Brewster Hopper' });
  });

  it('reads select options and statuses as their titles', () => {
    // Prepare
    const person = aPerson('person-1', { tags: ['vip', 'beta'] });
    // Act & Assess
    expect(textsOf(person, 'segments')).toEqual(['vip', 'beta']);
    expect(textOf(aDeal('d', { stageId: WON_STAGE }), 'stage')).toBe('Won 🎉');
  });
});
