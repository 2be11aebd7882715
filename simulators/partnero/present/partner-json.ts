import type { ProgramData } from '../model/program-data';
import type { PartnerRecord } from '../model/records';

/** A partner as the docs' create response shows it, plus `key` (shown by the older docs). */
export function partnerJson(data: ProgramData, partner: PartnerRecord) {
  const link = `${data.program.websiteUrl}?aff=${partner.key}`;
  return {
    id: partner.id,
    key: partner.key,
    email: partner.email,
    name: partner.name,
    surname: partner.surname,
    tos: partner.tos,
    approved: partner.approved,
    status: partner.status,
    custom_fields: [],
    referrals_count: data.liveCustomers().filter((customer) => customer.partnerId === partner.id).length,
    tags: partner.tags.map((value) => ({ value })),
    referral_link: link,
    referral_links: [link],
    created_at: partner.created_at,
    updated_at: partner.updated_at,
  };
}

/** `GET /partners/{id}` adds referral figures and commissions, per currency. */
export function partnerDetailJson(data: ProgramData, partner: PartnerRecord) {
  const transactions = data.liveTransactions().filter((transaction) => transaction.partnerId === partner.id);
  const customers = data.liveCustomers().filter((customer) => customer.partnerId === partner.id);
  const revenue = sumByCurrency(
    transactions.filter((t) => !t.archived_at).map((t) => ({ currency: t.amount_units, amount: t.amount })),
  );
  const pending = sumByCurrency(
    transactions
      .filter((t) => !t.archived_at)
      .flatMap((t) =>
        t.rewards.filter((r) => r.status === 'ok').map((r) => ({ currency: r.amount_units, amount: r.amount })),
      ),
  );
  return {
    ...partnerJson(data, partner),
    referrals: {
      clicks: 0,
      signups: customers.length,
      revenue,
      sales_count: transactions.length,
      paid_accounts: new Set(transactions.map((t) => t.customerKey)).size,
    },
    // Nothing is ever paid out in the simulator, so everything earned is pending and not paid.
    commissions: { paid: [], pending, not_paid: pending },
    custom_field_values: [],
  };
}

function sumByCurrency(amounts: { currency: string; amount: number }[]) {
  const totals = new Map<string, number>();
  for (const { currency, amount } of amounts) totals.set(currency, (totals.get(currency) ?? 0) + amount);
  return [...totals].map(([currency, amount]) => ({ currency, amount }));
}
