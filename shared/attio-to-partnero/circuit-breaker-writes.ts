import type { RecordCircuitBreaker } from '../sync/circuit-breaker-guard';
import type { PartneroPort } from './ports';

/**
 * The Partnero port with every write caused by one Attio record asked of the circuit breaker
 * first; reads pass straight through. `record` is the Attio record the event is about
 * (`attio:<record id>`): the deal whose transaction, or the person whose customer, is written.
 */
export function partneroWritesThroughBreaker(port: PartneroPort, breaker: RecordCircuitBreaker, programId: string, record: string): PartneroPort {
  const admit = () => breaker.beforeWrite(programId, record);
  return {
    transactions: {
      findByKey: (key) => port.transactions.findByKey(key),
      async create(transaction) {
        await admit();
        return port.transactions.create(transaction);
      },
      async delete(key) {
        await admit();
        return port.transactions.delete(key);
      },
      async archive(key) {
        await admit();
        return port.transactions.archive(key);
      },
      async restore(key) {
        await admit();
        return port.transactions.restore(key);
      },
    },
    customers: {
      find: (keyOrEmail) => port.customers.find(keyOrEmail),
      searchByEmail: (email) => port.customers.searchByEmail(email),
      async update(key, changes) {
        await admit();
        return port.customers.update(key, changes);
      },
      async create(customer) {
        await admit();
        return port.customers.create(customer);
      },
    },
  };
}
