import type { AttioRecord, AttioValue } from '../../../shared/attio';
import type { AttioRecordEvent } from '../../../shared/attio-to-partnero/attio-event';

/** Attio record values as `GET /v2/objects/{object}/records/{id}` returns them (attio-api.md §3, "Record shape"). */
const actor = { type: 'workspace-member', id: 'member-1' };
const meta = (attributeType: string): AttioValue => ({
  active_from: '2025-05-01T00:00:00.000000000Z',
  active_until: null,
  created_by_actor: actor,
  attribute_type: attributeType,
});

export const WON_STAGE = 'status-won';
export const LOST_STAGE = 'status-lost';
export const LEAD_STAGE = 'status-lead';
export const WORKSPACE = 'workspace-1';
export const DEALS_OBJECT_ID = 'object-deals';
export const PEOPLE_OBJECT_ID = 'object-people';

const stageTitles: Record<string, string> = { [WON_STAGE]: 'Won 🎉', [LOST_STAGE]: 'Lost', [LEAD_STAGE]: 'Lead' };

export interface DealShape {
  readonly stageId?: string;
  readonly amount?: number;
  readonly currency?: string;
  readonly people?: readonly string[];
  readonly transactionKey?: string;
}

export function aDeal(recordId: string, shape: DealShape = {}): AttioRecord {
  const stageId = shape.stageId ?? WON_STAGE;
  const values: Record<string, AttioValue[]> = {
    name: [{ ...meta('text'), value: `Deal ${recordId}` }],
    stage: [
      {
        ...meta('status'),
        status: {
          id: { workspace_id: WORKSPACE, object_id: DEALS_OBJECT_ID, attribute_id: 'attr-stage', status_id: stageId },
          title: stageTitles[stageId] ?? stageId,
          is_archived: false,
        },
      },
    ],
    associated_people: (shape.people ?? ['person-1']).map((id) => ({
      ...meta('record-reference'),
      target_object: 'people',
      target_record_id: id,
    })),
  };
  if (shape.amount !== undefined)
    values.value = [{ ...meta('currency'), currency_value: shape.amount, currency_code: shape.currency ?? 'USD' }];
  if (shape.transactionKey !== undefined)
    values.partnero_transaction_key = [{ ...meta('text'), value: shape.transactionKey }];
  return aRecord(DEALS_OBJECT_ID, recordId, values);
}

export interface PersonShape {
  readonly emails?: readonly string[];
  readonly firstName?: string;
  readonly lastName?: string;
  readonly customerKey?: string;
  readonly referredBy?: string;
  readonly referredByRecord?: string;
  readonly tags?: readonly string[];
}

export function aPerson(recordId: string, shape: PersonShape = {}): AttioRecord {
  const values: Record<string, AttioValue[]> = {
    email_addresses: (shape.emails ?? ['ada@example.com']).map((email) => ({
      ...meta('email-address'),
      email_address: email,
      original_email_address: email,
      email_domain: email.split('@')[1],
    })),
  };
  if (shape.firstName !== undefined || shape.lastName !== undefined) {
    const first = shape.firstName ?? '';
    const last = shape.lastName ?? '';
    values.name = [
      { ...meta('personal-name'), first_name: first, last_name: last, full_name: `${first} ${last}`.trim() },
    ];
  }
  if (shape.customerKey !== undefined) values.partnero_customer_key = [{ ...meta('text'), value: shape.customerKey }];
  if (shape.referredBy !== undefined) values.referred_by = [{ ...meta('text'), value: shape.referredBy }];
  if (shape.referredByRecord !== undefined)
    values.referred_by = [
      { ...meta('record-reference'), target_object: 'people', target_record_id: shape.referredByRecord },
    ];
  if (shape.tags !== undefined)
    values.segments = shape.tags.map((tag) => ({
      ...meta('select'),
      option: { id: { option_id: tag }, title: tag, is_archived: false },
    }));
  return aRecord(PEOPLE_OBJECT_ID, recordId, values);
}

export function aRecord(objectId: string, recordId: string, values: Record<string, AttioValue[]>): AttioRecord {
  return {
    id: { workspace_id: WORKSPACE, object_id: objectId, record_id: recordId },
    created_at: '2025-05-01T00:00:00.000000000Z',
    values,
  };
}

export function anEvent(
  eventType: AttioRecordEvent['event_type'],
  recordId: string,
  options: {
    objectId?: string;
    actor?: { type: string; id: string | null };
    duplicateRecordId?: string;
    attributeId?: string;
  } = {},
): AttioRecordEvent {
  const id = { workspace_id: WORKSPACE, object_id: options.objectId ?? DEALS_OBJECT_ID, record_id: recordId };
  const by = options.actor ?? actor;
  switch (eventType) {
    case 'record.updated':
      return { event_type: eventType, id: { ...id, attribute_id: options.attributeId ?? 'attr-stage' }, actor: by };
    case 'record.merged':
      return {
        event_type: eventType,
        id,
        duplicate_object_id: id.object_id,
        duplicate_record_id: options.duplicateRecordId ?? recordId,
        actor: by,
      };
    default:
      return { event_type: eventType, id, actor: by };
  }
}
