import {
  commissionStatus,
  commissionValues,
  reversedCommissionValues,
} from '../../../shared/partnero-to-attio/deal-commission-values';
import { aTransaction } from './partnero-deliveries';

const valuesOf = (planned: ReturnType<typeof commissionValues>) =>
  Object.fromEntries(planned.map((entry) => [entry.slug, entry.value]));

describe('commissionValues', () => {
  it('sums the live rewards of a sale, with their currency, partner and status', () => {
    // Prepare
    const transaction = aTransaction({
      rewards: [
        { key: 't', action: 'sale', status: 'ok', amount: 10.00005, amount_units: 'eur', partner: 'p1' },
        { key: 't', action: 'sale', status: 'ok', amount: 5, amount_units: 'eur', partner: 'p1' },
        {
          key: 't',
          action: 'sale',
          status: 'ok',
          amount: 99,
          amount_units: 'eur',
          partner: 'p1',
          deleted_at: '2025-05-08T00:00:00.000000Z',
        },
      ],
    });
    // Act
    const values = valuesOf(commissionValues(transaction));
    // Assess
    expect(values).toEqual({
      partnero_commission_amount: 15.0001,
      partnero_commission_currency: 'EUR',
      partnero_commission_partner: 'partner_123',
      partnero_commission_status: 'ok',
    });
  });

  it('says none, with amount 0, when Partnero computed no commission', () => {
    const values = valuesOf(commissionValues(aTransaction({ partner: null, rewards: [] })));
    expect(values).toMatchObject({
      partnero_commission_amount: 0,
      partnero_commission_status: 'none',
      partnero_commission_partner: null,
    });
  });

  it('counts nothing for an archived sale and calls it archived', () => {
    const archived = aTransaction({ deleted_at: '2025-05-08T00:00:00.000000Z' });
    expect(commissionStatus(archived)).toBe('archived');
    expect(valuesOf(commissionValues(archived)).partnero_commission_amount).toBe(0);
  });

  it('shows a later reward status as Partnero reports it', () => {
    expect(commissionStatus(aTransaction({ rewards: [{ status: 'paid', amount: 1 }] }))).toBe('paid');
  });

  it('marks a refunded sale reversed, touching nothing else', () => {
    expect(reversedCommissionValues()).toEqual([
      { slug: 'partnero_commission_status', value: 'reversed', optional: true },
    ]);
  });

  it('never fails a write for a workspace that lacks the attributes', () => {
    expect(commissionValues(aTransaction()).every((entry) => entry.optional === true)).toBe(true);
  });
});
