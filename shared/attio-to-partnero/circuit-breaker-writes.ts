import type { RecordCircuitBreaker } from '../sync/circuit-breaker-guard';
import type { PartneroPort } from './ports';

/**
 * The Partnero port with every change caused by one Attio record asked of the circuit breaker
 * first; reads pass straight through. `record` is the Attio record the event is about
 * (`attio:<record id>`): the deal whose transaction, or the person whose customer, is written.
 *
 * Creates are not counted (issue 15: the counter's update was a write unit on each). Each has its
 * own record that makes it happen once: a transaction is created only by the deal's commission
 * claim (`commission-claim.ts`: exactly one per won deal), a customer only for a person without a
 * customer link, which is saved right after it. A loop is one record written again and again, so
 * it is made of updates, deletes, archives and restores, and those are still counted.
 */
export function partneroWritesThroughBreaker(
  port: PartneroPort,
  breaker: RecordCircuitBreaker,
  programId: string,
  record: string,
): PartneroPort {
  const write = <T>(send: () => Promise<T>) => breaker.write(programId, record, send);
  return {
    transactions: {
      findByKey: (key) => port.transactions.findByKey(key),
      create: (transaction) => port.transactions.create(transaction),
      delete: (key) => write(() => port.transactions.delete(key)),
      archive: (key) => write(() => port.transactions.archive(key)),
      restore: (key) => write(() => port.transactions.restore(key)),
    },
    customers: {
      find: (keyOrEmail) => port.customers.find(keyOrEmail),
      searchByEmail: (email) => port.customers.searchByEmail(email),
      update: (key, changes) => write(() => port.customers.update(key, changes)),
      create: (customer) => port.customers.create(customer),
    },
  };
}
