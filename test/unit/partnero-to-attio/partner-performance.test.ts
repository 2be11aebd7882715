import { performanceValues } from '../../../shared/partnero-to-attio/partner-performance';
import { defaultPartnerPerformance } from '../../../shared/programs/program-settings';
import { partneroPartnerSchema } from '../../../shared/partnero/resource-schemas';
import { aPartner } from './partnero-deliveries';

const valuesOf = (planned: ReturnType<typeof performanceValues>) =>
  Object.fromEntries(planned.map((entry) => [entry.slug, entry.value]));

/** `GET /partners/{id}` as the docs describe it (docs.partnero.com/api-reference/partners/get). */
const detail = partneroPartnerSchema.parse({
  ...aPartner(),
  referrals_count: 3,
  referrals: {
    clicks: 120,
    signups: 4,
    revenue: [
      { currency: 'usd', amount: 1200 },
      { currency: 'EUR', amount: 50.5 },
    ],
    sales_count: 6,
    paid_accounts: 2,
  },
  commissions: { paid: [], pending: [{ currency: 'USD', amount: 360 }], not_paid: [{ currency: 'USD', amount: 360 }] },
});

describe('performanceValues', () => {
  it('writes clicks, signups, sales count and revenue by default, revenue per currency', () => {
    expect(valuesOf(performanceValues(detail, defaultPartnerPerformance()))).toEqual({
      partnero_clicks: 120,
      partnero_signups: 4,
      partnero_sales_count: 6,
      partnero_revenue: '50.50 EUR; 1200.00 USD',
    });
  });

  it('adds commissions and the referrals count when switched on, and leaves out what is switched off', () => {
    const settings = { ...defaultPartnerPerformance(), clicks: false, commissions: true, referralsCount: true };
    const values = valuesOf(performanceValues(detail, settings));
    expect(values).toMatchObject({ partnero_commissions: 'paid 0; pending 360.00 USD', partnero_referrals_count: 3 });
    expect(values).not.toHaveProperty('partnero_clicks');
  });

  it('writes nothing for figures Partnero did not send (the list endpoints carry none)', () => {
    expect(performanceValues(partneroPartnerSchema.parse(aPartner()), defaultPartnerPerformance())).toEqual([]);
  });

  it('never fails a write for a workspace that lacks the attributes', () => {
    expect(performanceValues(detail, defaultPartnerPerformance()).every((entry) => entry.optional === true)).toBe(true);
  });
});
