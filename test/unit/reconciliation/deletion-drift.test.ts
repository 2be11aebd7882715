import type { AttioValue } from '../../../shared/attio';
import { objectSchemaOf } from '../../../shared/attio/attio-schema';
import { recordDeletedMessage } from '../../../shared/reconciliation/deleted-record-messages';
import { deletionDrift } from '../../../shared/reconciliation/deletion-drift';
import { readPartneroEvent } from '../../../shared/partnero-to-attio/partnero-event';
import { partneroWebhookDeliverySchema } from '../../../shared/partnero/webhook-delivery-schema';
import { aPerson } from '../attio-to-partnero/attio-records';
import { peopleAttributes, peopleSchema } from '../partnero-to-attio/attribute-fixtures';

function withStatus(slug: string, status: string) {
  const person = aPerson('rec-1');
  const value: AttioValue = {
    active_from: '2025-05-01T00:00:00.000000000Z',
    active_until: null,
    created_by_actor: { type: 'system', id: null },
    attribute_type: 'text',
    value: status,
  };
  return { ...person, values: { ...person.values, [slug]: [value] } };
}

describe('deletionDrift', () => {
  it('finds a partner gone from Partnero whose record still shows it active', () => {
    expect(deletionDrift('partner', withStatus('partnero_partner_status', 'active'), peopleSchema)).toBe(
      'the partner is no longer in Partnero and its Attio record does not show it deleted (a missed webhook)',
    );
  });

  it('finds a customer gone from Partnero whose record has no status yet', () => {
    expect(deletionDrift('customer', aPerson('rec-1'), peopleSchema)).toBe(
      'the customer is no longer in Partnero and its Attio record does not show it deleted (a missed webhook)',
    );
  });

  it('finds nothing once the record shows the deletion', () => {
    expect(deletionDrift('partner', withStatus('partnero_partner_status', 'deleted'), peopleSchema)).toBeUndefined();
    expect(deletionDrift('customer', withStatus('partnero_customer_status', 'deleted'), peopleSchema)).toBeUndefined();
  });

  it('finds nothing for a record gone from Attio, or a workspace without the status attribute', () => {
    const withoutStatus = objectSchemaOf(
      peopleAttributes.filter((attribute) => attribute.slug !== 'partnero_partner_status'),
    );
    expect(deletionDrift('partner', undefined, peopleSchema)).toBeUndefined();
    expect(deletionDrift('partner', withStatus('partnero_partner_status', 'active'), withoutStatus)).toBeUndefined();
  });
});

describe('recordDeletedMessage', () => {
  /** Run run-1's record-deleted message for a record, and the Partnero event it carries. */
  function deletedAtFiveOnNov29(kind: 'partner' | 'customer', partneroId: string) {
    const message = recordDeletedMessage('prog', kind, partneroId, 'run-1', new Date('2026-11-29T05:00:00Z'));
    return { message, event: readPartneroEvent(partneroWebhookDeliverySchema.parse(message.message.event)) };
  }

  /** The event a live `<kind>.deleted` of the record at that moment would bring. */
  const aRetirement = (kind: 'partner' | 'customer', partneroId: string) => ({
    name: `${kind}.deleted`,
    kind,
    partneroId,
    intent: 'retire',
    version: '2026-11-29T05:00:00.000Z',
  });

  it('is the delivery a live partner.deleted would bring, newer than any version applied', () => {
    // Act
    const { message, event } = deletedAtFiveOnNov29('partner', 'p-9');
    // Assess
    expect(event).toMatchObject(aRetirement('partner', 'p-9'));
    expect(message.message).toMatchObject({
      programId: 'prog',
      source: 'partnero',
      deliveryKey: 'reconciliation:prog:run-1:partner-deleted:p-9',
    });
  });

  it('is the delivery a live customer.deleted would bring', () => {
    const { event } = deletedAtFiveOnNov29('customer', 'buyer-1');
    expect(event).toMatchObject(aRetirement('customer', 'buyer-1'));
  });
});
