import { planCustomerPerson } from '../../../shared/partnero-to-attio/customer-record';
import { defaultProgramSettings } from '../../../shared/programs/program-settings';
import {
  attioRecordHash,
  attioRecordIsOurEcho,
  isOwnWrite,
  partneroRecordHash,
  partneroRecordIsOurEcho,
} from '../../../shared/sync/echo-suppression';
import type { RecordLink } from '../../../shared/sync/link-repository';
import { readShapeOf } from '../partnero-to-attio/attio-read-shape';
import { peopleSchema } from '../partnero-to-attio/attribute-fixtures';
import { aCustomer } from '../partnero-to-attio/partnero-deliveries';

const ours = { type: 'api-token', id: 'token-actor-1' };
const settings = defaultProgramSettings();
const mappings = settings.customers.fieldMappings;

function aLink(hashes: Partial<Pick<RecordLink, 'attioWrittenHash' | 'partneroWrittenHash'>>): RecordLink {
  return {
    programId: 'p1',
    kind: 'customer',
    partneroId: 'customer_123',
    attioObject: 'people',
    attioRecordId: 'r1',
    attioWrittenHash: null,
    partneroWrittenHash: null,
    partneroVersion: null,
    updatedAt: 'now',
    ...hashes,
  };
}

/** The customer's person as Attio reads it back after the Partnero -> Attio write of `plan`. */
function personAsWritten() {
  const plan = planCustomerPerson(aCustomer(), 'active', settings.customers, peopleSchema);
  const values: Record<string, unknown[]> = Object.fromEntries(
    Object.entries(plan.values).map(([slug, write]) => [slug, readShapeOf(peopleSchema.get(slug)!, write)]),
  );
  return { plan, values };
}

describe('echo suppression, layer 1: the actor', () => {
  it('recognises an event written with our token by its actor type and id', () => {
    // Act & Assess
    expect(isOwnWrite({ type: 'api-token', id: 'token-actor-1' }, ours)).toBe(true);
  });

  it('does not take a person, another token, the system or an unknown actor for us', () => {
    // Act & Assess
    expect(isOwnWrite({ type: 'workspace-member', id: 'token-actor-1' }, ours)).toBe(false);
    expect(isOwnWrite({ type: 'api-token', id: 'someone-else' }, ours)).toBe(false);
    expect(isOwnWrite({ type: 'system', id: null }, ours)).toBe(false);
    expect(isOwnWrite(undefined, ours)).toBe(false);
    expect(isOwnWrite({ type: 'api-token', id: 'token-actor-1' }, null)).toBe(false);
  });
});

describe('echo suppression, layer 2: the values, on the Attio side', () => {
  it('hashes the record read back like the plan that wrote it, so the link hash recognises the echo', () => {
    // Prepare
    const { plan, values } = personAsWritten();
    const link = aLink({ attioWrittenHash: attioRecordHash(values, peopleSchema, 'customer', settings) });
    // Act & Assess
    expect(link.attioWrittenHash).toBe(plan.hash);
    expect(attioRecordIsOurEcho(link, values, peopleSchema, settings)).toBe(true);
  });

  it('still calls it our echo after a change of an attribute the sync does not write', () => {
    // Prepare
    const { values } = personAsWritten();
    const link = aLink({ attioWrittenHash: attioRecordHash(values, peopleSchema, 'customer', settings) });
    // Act & Assess
    expect(
      attioRecordIsOurEcho(
        link,
        { ...values, job_title: readShapeOf(peopleSchema.get('job_title')!, 'Set by sales') },
        peopleSchema,
        settings,
      ),
    ).toBe(true);
  });

  it("is a person's change once a synced value differs, and never an echo for a record we never wrote", () => {
    // Prepare
    const { values } = personAsWritten();
    const link = aLink({ attioWrittenHash: attioRecordHash(values, peopleSchema, 'customer', settings) });
    const renamed = {
      ...values,
      name: readShapeOf(peopleSchema.get('name')!, {
        first_name: 'Alicia',
        last_name: 'Brown',
        full_name: 'Alicia Brown',
      }),
    };
    // Act & Assess
    expect(attioRecordIsOurEcho(link, renamed, peopleSchema, settings)).toBe(false);
    expect(attioRecordIsOurEcho(aLink({ attioWrittenHash: null }), values, peopleSchema, settings)).toBe(false);
    expect(attioRecordIsOurEcho(undefined, values, peopleSchema, settings)).toBe(false);
  });
});

describe('echo suppression, layer 2: the values, on the Partnero side', () => {
  it('recognises an upsert whose mapped fields are what the Attio -> Partnero sync wrote, unmapped fields aside', () => {
    // Prepare
    const link = aLink({
      partneroWrittenHash: partneroRecordHash('customer', aCustomer({ name: 'Alicia' }), mappings),
    });
    // Act & Assess
    expect(
      partneroRecordIsOurEcho('upsert', link, aCustomer({ name: 'Alicia', tags: [{ value: 'unmapped' }] }), mappings),
    ).toBe(true);
    expect(partneroRecordIsOurEcho('upsert', link, aCustomer({ name: 'Alice' }), mappings)).toBe(false);
  });

  it('never takes a retirement for our echo: the sync never archives or deletes in Partnero, and the hash does not cover the status', () => {
    // Prepare
    const customer = aCustomer({ name: 'Alicia' });
    const link = aLink({ partneroWrittenHash: partneroRecordHash('customer', customer, mappings) });
    // Act & Assess
    expect(partneroRecordIsOurEcho('retire', link, customer, mappings)).toBe(false);
  });

  it('is never an echo for a record the Attio -> Partnero sync never wrote', () => {
    // Act & Assess
    expect(partneroRecordIsOurEcho('upsert', aLink({}), aCustomer(), mappings)).toBe(false);
    expect(partneroRecordIsOurEcho('upsert', undefined, aCustomer(), mappings)).toBe(false);
  });
});
