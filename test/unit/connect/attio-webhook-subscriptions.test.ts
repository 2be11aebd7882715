import { attioSubscriptions, sameSubscriptions } from '../../../shared/connect/attio-webhook-subscriptions';

describe('attioSubscriptions', () => {
  const deals = { objectId: 'obj-deals', updatedAttributeIds: ['attr-stage', 'attr-value'] };
  const companies = { objectId: 'obj-companies', updatedAttributeIds: [] };

  it('subscribes record.updated per read attribute and the other record events per object', () => {
    // Act
    const subscriptions = attioSubscriptions({ objects: [deals, companies], ourActorId: null });

    // Assess
    const updated = subscriptions.filter((subscription) => subscription.event_type === 'record.updated');
    expect(updated).toEqual([
      {
        event_type: 'record.updated',
        filter: {
          $and: [
            { field: 'id.object_id', operator: 'equals', value: 'obj-deals' },
            { field: 'id.attribute_id', operator: 'equals', value: 'attr-stage' },
          ],
        },
      },
      {
        event_type: 'record.updated',
        filter: {
          $and: [
            { field: 'id.object_id', operator: 'equals', value: 'obj-deals' },
            { field: 'id.attribute_id', operator: 'equals', value: 'attr-value' },
          ],
        },
      },
    ]);
    for (const eventType of ['record.created', 'record.deleted', 'record.merged']) {
      expect(
        subscriptions
          .filter((subscription) => subscription.event_type === eventType)
          .map((subscription) => subscription.filter),
      ).toEqual([
        { $and: [{ field: 'id.object_id', operator: 'equals', value: 'obj-companies' }] },
        { $and: [{ field: 'id.object_id', operator: 'equals', value: 'obj-deals' }] },
      ]);
    }
  });

  it('adds actor.id not_equals <ours> to every subscription once our actor is known', () => {
    // Act
    const subscriptions = attioSubscriptions({ objects: [deals, companies], ourActorId: 'actor-1' });

    // Assess
    expect(subscriptions).toHaveLength(2 + 3 * 2);
    for (const subscription of subscriptions) {
      const filter = subscription.filter as { $and: unknown[] };
      expect(filter.$and).toContainEqual({ field: 'actor.id', operator: 'not_equals', value: 'actor-1' });
    }
    expect(
      sameSubscriptions(subscriptions, attioSubscriptions({ objects: [deals, companies], ourActorId: null })),
    ).toBe(false);
    expect(
      sameSubscriptions(
        [...subscriptions].reverse(),
        attioSubscriptions({ objects: [companies, deals], ourActorId: 'actor-1' }),
      ),
    ).toBe(true);
  });
});
