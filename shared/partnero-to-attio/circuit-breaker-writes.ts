import type { RecordCircuitBreaker } from '../sync/circuit-breaker-guard';
import type { AttioRecordsPort } from '../attio/attio-records';

/**
 * The Attio port with every write of one Partnero record asked of the circuit breaker first;
 * reads pass straight through. `record` is the Partnero record the event is about
 * (`partner:<id>`), which names the Attio record it is written to before that record exists.
 */
export function attioWritesThroughBreaker(port: AttioRecordsPort, breaker: RecordCircuitBreaker, programId: string, record: string): AttioRecordsPort {
  return {
    listAttributes: (object) => port.listAttributes(object),
    listStatuses: (object, attribute) => port.listStatuses(object, attribute),
    findRecordsByValue: (object, slug, value) => port.findRecordsByValue(object, slug, value),
    findPeopleByEmail: (email) => port.findPeopleByEmail(email),
    assertRecord: (object, matchingAttribute, values) => breaker.write(programId, record, () => port.assertRecord(object, matchingAttribute, values)),
    updateRecord: (object, recordId, values) => breaker.write(programId, record, () => port.updateRecord(object, recordId, values)),
  };
}
