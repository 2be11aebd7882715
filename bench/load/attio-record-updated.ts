/**
 * The body of an Attio `record.updated` webhook delivery for the record given, the shape of
 * test/fixtures/attio/webhook-record-updated.json: what the webhook benches post to the Attio edge.
 * A load plan passes `__ID__` so each request names its own record.
 */
export function attioRecordUpdatedBody(recordId: string): string {
  return JSON.stringify({
    webhook_id: '23e42eaf-323a-41da-b5bb-fd67eebda553',
    events: [
      {
        event_type: 'record.updated',
        id: {
          workspace_id: '14beef7a-99f7-4534-a87e-70b564330a4c',
          object_id: '97052eb9-e65e-443f-a297-f2d9a4a7f795',
          record_id: recordId,
          attribute_id: '41252299-f8c7-4b5e-99c9-4ff8321d2f96',
        },
        actor: { type: 'workspace-member', id: '50cf242c-7fa3-4cad-87d0-75b1af71c57b' },
      },
    ],
  });
}
