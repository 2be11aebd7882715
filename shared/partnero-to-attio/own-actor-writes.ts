import type { ProgramContext } from '../programs/program-context';
import type { AttioRecordSnapshot, AttioRecordsPort } from '../attio/attio-records';

/** Told of each Attio write this direction made: the attributes sent and the record as Attio answered. */
export interface WriteObserver {
  afterWrite(write: {
    readonly sentAttributes: readonly string[];
    readonly values: AttioRecordSnapshot['values'];
  }): Promise<void>;
}

/** Hands out an observer for one event's program; undefined when there is nothing to learn from its writes. */
export interface WriteObservers {
  forProgram(program: ProgramContext): WriteObserver | undefined;
}

/**
 * The Attio port with every successful write shown to the observer (the service learns its own
 * Attio actor from Attio's answer to its first write: `shared/connect/own-actor-learning.ts`).
 * Reads pass straight through, and a failed write is never shown.
 */
export function attioWritesObserved(port: AttioRecordsPort, observer: WriteObserver | undefined): AttioRecordsPort {
  if (!observer) return port;
  return {
    listAttributes: (object) => port.listAttributes(object),
    listStatuses: (object, attribute) => port.listStatuses(object, attribute),
    findPeopleByEmail: (email) => port.findPeopleByEmail(email),
    findRecordsByValue: (object, slug, value) => port.findRecordsByValue(object, slug, value),
    async assertRecord(object, matchingAttribute, values) {
      const snapshot = await port.assertRecord(object, matchingAttribute, values);
      await observer.afterWrite({ sentAttributes: Object.keys(values), values: snapshot.values });
      return snapshot;
    },
    async updateRecord(object, recordId, values) {
      const snapshot = await port.updateRecord(object, recordId, values);
      if (snapshot) await observer.afterWrite({ sentAttributes: Object.keys(values), values: snapshot.values });
      return snapshot;
    },
  };
}
