import { webhookPayloadJson } from '../../../simulators/partnero/present/webhook-payload-json';

const partner = {
  id: 'p1',
  key: 'ref',
  email: 'a@example.com',
  name: 'A',
  surname: 'B',
  status: 'active',
  tags: [],
  created_at: 't0',
  updated_at: 't1',
};
const sale = { key: 's1', amount: 10, customer: 'c1', partner: 'p1', rewards: [], created_at: 't0', deleted_at: null };

describe('webhookPayloadJson (Partnero simulator)', () => {
  it('sends partner events the five documented fields, and a deleted partner its id only', () => {
    expect(webhookPayloadJson('partner.updated', partner, 'documented')).toEqual({
      id: 'p1',
      email: 'a@example.com',
      name: 'A',
      surname: 'B',
      created_at: 't0',
    });
    expect(webhookPayloadJson('partner.deleted', partner, 'documented')).toEqual({ id: 'p1' });
  });

  it('sends customer events their key, a sale its key and partner, a refund its key', () => {
    expect(webhookPayloadJson('customer.updated', { key: 'c1', email: 'c@example.com' }, 'documented')).toEqual({
      key: 'c1',
    });
    expect(webhookPayloadJson('transaction.created', sale, 'documented')).toEqual({ key: 's1', partner: 'p1' });
    expect(webhookPayloadJson('transaction.deleted', sale, 'documented')).toEqual({ key: 's1' });
  });

  it('sends the whole resource when set to full', () => {
    expect(webhookPayloadJson('transaction.created', sale, 'full')).toEqual(sale);
  });
});
