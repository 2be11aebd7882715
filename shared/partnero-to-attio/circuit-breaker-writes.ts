import type { RecordCircuitBreaker } from '../sync/circuit-breaker-guard';
import type { AttioRecordsPort } from '../attio/attio-records';

/**
 * The Attio port with every update of one Partnero record asked of the circuit breaker first;
 * reads pass straight through. `record` is the Partnero record the event is about
 * (`partner:<id>`), which names the Attio record it is written to before that record exists.
 *
 * The assert is not counted (issue 15: the counter's update was a write unit on every create). It
 * is how a record without a link reaches Attio, and the link saved right after it sends every later
 * write of that record through `updateRecord`, which is counted: a Partnero record is asserted once
 * per link (again only when its retry finds the link unsaved, bounded by the queue's receive count,
 * or when the linked Attio record was deleted, which no sync does). A loop is the same record
 * written again and again, so it is always made of counted updates and the circuit still opens on it.
 */
export function attioWritesThroughBreaker(
  port: AttioRecordsPort,
  breaker: RecordCircuitBreaker,
  programId: string,
  record: string,
): AttioRecordsPort {
  return {
    listAttributes: (object) => port.listAttributes(object),
    listStatuses: (object, attribute) => port.listStatuses(object, attribute),
    findRecordsByValue: (object, slug, value) => port.findRecordsByValue(object, slug, value),
    findPeopleByEmail: (email) => port.findPeopleByEmail(email),
    assertRecord: (object, matchingAttribute, values) => port.assertRecord(object, matchingAttribute, values),
    updateRecord: (object, recordId, values) =>
      breaker.write(programId, record, () => port.updateRecord(object, recordId, values)),
  };
}
