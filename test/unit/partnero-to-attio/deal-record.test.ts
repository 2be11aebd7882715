import { dealName, planDealRecord } from '../../../shared/partnero-to-attio/deal-record';
import { defaultProgramSettings } from '../../../shared/programs/program-settings';
import { dealSchema } from './attribute-fixtures';
import { aCustomer, aTransaction } from './partnero-deliveries';

const stage = { kind: 'status', statusId: 'stage-won', title: 'Won 🎉' } as const;
const deals = defaultProgramSettings().deals;

/** Plans the deal for the docs' example sale and buyer (no Attio person unless given), won, owned by member-1. */
function planFor(input: Partial<Parameters<typeof planDealRecord>[0]> = {}, settings = deals) {
  return planDealRecord(
    {
      transaction: aTransaction(),
      customer: aCustomer(),
      personRecordId: undefined,
      stage,
      ownerWorkspaceMemberId: 'member-1',
      ...input,
    },
    settings,
    dealSchema,
  );
}

describe('planDealRecord', () => {
  it('writes name, value, stage, owner, the buyer, tag, marker, status and currency', () => {
    // Act
    const plan = planFor({ personRecordId: 'person-1' });
    // Assess
    expect(plan.matchingAttribute).toBe('partnero_transaction_key');
    expect(plan.values).toEqual({
      name: 'Alice Brown — 99.99 USD',
      value: 99.99,
      stage: { status: 'stage-won' },
      owner: { referenced_actor_type: 'workspace-member', referenced_actor_id: 'member-1' },
      associated_people: [{ target_object: 'people', target_record_id: 'person-1' }],
      partnero_transaction_key: 'transaction_123',
      partnero_source: 'Partnero',
      partnero_transaction_status: 'active',
      partnero_currency: 'USD',
      // The docs' example reward: 30 % of 99.99, unrounded.
      partnero_commission_amount: 29.997,
      partnero_commission_currency: 'USD',
      partnero_commission_partner: 'partner_123',
      partnero_commission_status: 'ok',
    });
    expect(plan.notes).toEqual([]);
  });

  it('keeps a sale in another currency out of the value, and carries its amount and currency in the name and partnero_currency', () => {
    // Act
    const plan = planFor({ transaction: aTransaction({ amount: 100, amount_units: 'eur' }) });
    // Assess
    expect(plan.values.value).toBeUndefined();
    expect(plan.values).toMatchObject({ name: 'Alice Brown — 100.00 EUR', partnero_currency: 'EUR' });
    expect(plan.notes).toEqual(['value left empty: the amount is in EUR, the attribute in USD']);
  });

  it('links no person when the buyer has none in Attio', () => {
    const plan = planFor();
    expect(plan.values.associated_people).toBeUndefined();
  });

  it('adds the program deal mapping, which may override a default such as the name', () => {
    // Prepare
    const settings = { ...deals, fieldMappings: [{ partneroField: 'key', attioAttribute: 'name' }] };
    // Act
    const plan = planFor({}, settings);
    // Assess
    expect(plan.values.name).toBe('transaction_123');
  });
});

describe('dealName', () => {
  it('names the buyer by name, else email, else customer key', () => {
    expect(dealName(aTransaction(), aCustomer({ name: null, surname: null }))).toBe('alice@brown.example — 99.99 USD');
    expect(dealName(aTransaction({ amount_units: null, amount: 12 }), undefined)).toBe('customer_123 — 12.00');
  });
});
