import type { RecordCircuitBreaker } from '../sync/circuit-breaker-guard';
import type { PartneroPort } from './ports';

/**
 * The Partnero port with every write caused by one Attio record asked of the circuit breaker
 * first; reads pass straight through. `record` is the Attio record the event is about
 * (`attio:<record id>`): the deal whose transaction, or the person whose customer, is written.
 */
export function partneroWritesThroughBreaker(port: PartneroPort, breaker: RecordCircuitBreaker, programId: string, record: string): PartneroPort {
  const write = <T>(send: () => Promise<T>) => breaker.write(programId, record, send);
  return {
    transactions: {
      findByKey: (key) => port.transactions.findByKey(key),
      create: (transaction) => write(() => port.transactions.create(transaction)),
      delete: (key) => write(() => port.transactions.delete(key)),
      archive: (key) => write(() => port.transactions.archive(key)),
      restore: (key) => write(() => port.transactions.restore(key)),
    },
    customers: {
      find: (keyOrEmail) => port.customers.find(keyOrEmail),
      searchByEmail: (email) => port.customers.searchByEmail(email),
      update: (key, changes) => write(() => port.customers.update(key, changes)),
      create: (customer) => write(() => port.customers.create(customer)),
    },
  };
}
