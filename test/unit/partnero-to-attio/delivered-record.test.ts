import { partneroWebhookDeliverySchema } from '../../../shared/partnero/webhook-delivery-schema';
import { deliveredCustomer, deliveredPartner } from '../../../shared/partnero-to-attio/delivered-record';
import { readPartneroEvent } from '../../../shared/partnero-to-attio/partnero-event';
import type { RecordLink } from '../../../shared/sync/link-repository';

const fullPartner = {
  id: 'p-1',
  key: 'ref-1',
  email: 'pat@partners.test',
  name: 'Pat',
  surname: 'Partner',
  status: 'active',
  approved: true,
  tags: [],
  created_at: '2026-01-01T10:00:00.000000Z',
  updated_at: '2026-01-02T10:00:05.000000Z',
};
const fullCustomer = {
  key: 'c-1',
  email: 'carol@buyers.test',
  name: 'Carol',
  surname: null,
  partner: 'p-1',
  status: 'active',
  deleted: false,
  deleted_at: null,
  updated_at: '2026-01-02T10:00:05.000000Z',
};

const eventOf = (event: string, data: Record<string, unknown>) =>
  readPartneroEvent(partneroWebhookDeliverySchema.parse({ event, data }));
const linkAt = (partneroVersion: string | null): RecordLink => ({
  programId: 'prog-1',
  kind: 'partner',
  partneroId: 'p-1',
  attioObject: 'people',
  attioRecordId: 'rec-1',
  attioWrittenHash: 'h',
  partneroWrittenHash: null,
  partneroVersion,
  updatedAt: 'then',
});
const mapped = ['email', 'full_name'];
const older = linkAt('2026-01-02T10:00:04.000000Z');
/** The delivery without one property (as JSON sends it: absent, not undefined). */
const without = (data: Record<string, unknown>, property: string) =>
  Object.fromEntries(Object.entries(data).filter(([name]) => name !== property));

describe('deliveredPartner', () => {
  it('takes a complete update newer than the link as the partner: no read', () => {
    // Act
    const partner = deliveredPartner(
      eventOf('partner.updated', fullPartner),
      linkAt('2026-01-02T10:00:04.000000Z'),
      mapped,
    );
    // Assess
    expect(partner).toMatchObject({ id: 'p-1', email: 'pat@partners.test', surname: 'Partner', status: 'active' });
  });

  it.each([
    [
      'as old as the link (two changes in one second share a version)',
      fullPartner,
      linkAt(fullPartner.updated_at),
      mapped,
    ],
    ['older than the link', fullPartner, linkAt('2026-01-03T00:00:00.000000Z'), mapped],
    ['linked without a version', fullPartner, linkAt(null), mapped],
    ['about a partner not linked yet', fullPartner, undefined, mapped],
    [
      'the documented payload, without a status',
      { id: 'p-1', email: 'pat@partners.test', name: 'Pat', surname: 'Partner', created_at: fullPartner.updated_at },
      older,
      mapped,
    ],
    ['missing a mapped field (tags)', without(fullPartner, 'tags'), older, [...mapped, 'tags']],
    ['missing half of full_name', without(fullPartner, 'surname'), older, mapped],
    ['without any version', without(without(fullPartner, 'updated_at'), 'created_at'), older, mapped],
    ['not a readable partner (no email)', { ...fullPartner, email: 42 }, older, []],
  ])('reads the partner from Partnero when the delivery is %s', (_case, data, link, fields) => {
    expect(deliveredPartner(eventOf('partner.updated', data as Record<string, unknown>), link, fields)).toBeUndefined();
  });

  it('reads the partner for a retirement, whatever the delivery carries', () => {
    expect(deliveredPartner(eventOf('partner.archived', fullPartner), older, mapped)).toBeUndefined();
  });
});

describe('deliveredCustomer', () => {
  it('takes a complete customer update newer than the link', () => {
    expect(
      deliveredCustomer(
        eventOf('customer.updated', fullCustomer),
        { ...linkAt('2026-01-02T10:00:04.000000Z'), kind: 'customer' },
        ['email', 'name', 'partner'],
      ),
    ).toMatchObject({ key: 'c-1', partner: 'p-1' });
  });

  it('reads the customer for the documented delivery, which carries only its key', () => {
    expect(
      deliveredCustomer(eventOf('customer.updated', { key: 'c-1' }), { ...older, kind: 'customer' }, ['email']),
    ).toBeUndefined();
  });

  it('reads the customer when the delivery lacks what its status is read from', () => {
    expect(
      deliveredCustomer(eventOf('customer.updated', without(fullCustomer, 'deleted')), { ...older, kind: 'customer' }, [
        'email',
      ]),
    ).toBeUndefined();
  });
});
