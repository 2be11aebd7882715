import { archiveCustomer, createCustomer, deleteCustomer, updateCustomer } from '../model/customer-operations';
import type { JsonObject } from '../model/field-errors';
import { notFound } from '../model/partnero-api-error';
import {
  archivePartner,
  createPartner,
  decidePartner,
  deletePartner,
  updatePartner,
  type PartnerAppFields,
} from '../model/partner-operations';
import type { NewProgram, PartneroWorld } from '../model/partnero-world';
import type { ProgramData } from '../model/program-data';
import type { CustomerRecord, PartnerRecord, ProgramRecord, TransactionRecord } from '../model/records';
import { createTransactions, deleteTransactions } from '../model/transaction-operations';
import { customerJson } from '../present/customer-json';
import { partnerDetailJson, partnerJson } from '../present/partner-json';
import { transactionJson } from '../present/transaction-json';
import { webhookJson } from '../present/webhook-json';
import type { RateLimit, RateLimiter } from '../rate-limiter';
import type { FaultInjector, FaultPlan } from '../server/fault-injector';
import type { RequestCounter, RouteCount } from '../server/request-counter';
import type { DeliveryOptions, DeliveryRecord, WebhookDeliverer } from '../webhooks/webhook-deliverer';

/** A transaction as stored, deleted ones included, with what its rewards came to. */
export type TransactionView = ReturnType<typeof transactionJson> & {
  readonly sequence: number;
  readonly archived: boolean;
};

/** What a delivery carried, parsed, beside the raw bytes that were signed. */
export type DeliveryView = DeliveryRecord & {
  readonly payload: { event: string; url: string; webhook_key: string; created_at: string; data: JsonObject };
};

interface ControlDependencies {
  readonly world: PartneroWorld;
  readonly deliverer: WebhookDeliverer;
  readonly faults: FaultInjector;
  readonly counter: RequestCounter;
  readonly rateLimiter: RateLimiter;
}

/**
 * The simulator's back door for tests and the local stack: seed and change data *as the
 * Partnero app* (so webhooks fire, like a change made in Partnero's UI), read back what the
 * sync wrote, break the next requests, count calls and drain deliveries. Writes answer with the
 * same JSON the API would, and fail with the same PartneroApiError.
 */
export function createPartneroControl({ world, deliverer, faults, counter, rateLimiter }: ControlDependencies) {
  const partnerOf = (data: ProgramData, id: string): PartnerRecord =>
    data.partnerById(id) ?? throwing(notFound('Partner'));
  const customerOf = (data: ProgramData, key: string): CustomerRecord =>
    data.customerByAnyIdentifier(key) ?? throwing(notFound('Customer'));
  const transactionView = (transaction: TransactionRecord): TransactionView => ({
    ...transactionJson(transaction),
    sequence: transaction.sequence,
    archived: transaction.archived_at !== null,
  });

  return {
    /** Forgets programs, deliveries, faults, counts and the rate limit's windows. */
    async reset(): Promise<void> {
      await deliverer.reset();
      world.reset();
      faults.clear();
      counter.clear();
      rateLimiter.configure(rateLimiter.current);
    },

    createProgram(options: NewProgram = {}): ProgramRecord {
      return { ...world.createProgram(options) };
    },

    programs(): ProgramRecord[] {
      return world.allPrograms().map((data) => ({ ...data.program }));
    },

    setCommissionPercent(programId: string, percent: number): void {
      world.program(programId).program.commissionPercent = percent;
    },

    /** Undefined lifts the limit. */
    setRateLimit(limit: RateLimit | undefined): void {
      rateLimiter.configure(limit);
    },

    partners: {
      create(programId: string, fields: JsonObject, appFields: PartnerAppFields = {}) {
        const data = world.program(programId);
        return partnerJson(data, createPartner(data, fields, appFields));
      },
      update(programId: string, id: string, changes: JsonObject) {
        const data = world.program(programId);
        return partnerJson(data, updatePartner(data, partnerOf(data, id), changes));
      },
      approve(programId: string, id: string) {
        const data = world.program(programId);
        decidePartner(data, partnerOf(data, id), 'approved');
      },
      reject(programId: string, id: string) {
        const data = world.program(programId);
        decidePartner(data, partnerOf(data, id), 'rejected');
      },
      archive(programId: string, id: string) {
        const data = world.program(programId);
        archivePartner(data, partnerOf(data, id));
      },
      delete(programId: string, id: string) {
        const data = world.program(programId);
        deletePartner(data, partnerOf(data, id));
      },
      /** With referral figures and pending commissions, as `GET /partners/{id}` shows them. */
      get(programId: string, id: string) {
        const data = world.program(programId);
        return partnerDetailJson(data, partnerOf(data, id));
      },
      list(programId: string) {
        const data = world.program(programId);
        return data.livePartners().map((partner) => partnerJson(data, partner));
      },
    },

    customers: {
      create(programId: string, fields: JsonObject) {
        return customerJson(createCustomer(world.program(programId), fields));
      },
      update(programId: string, key: string, changes: JsonObject) {
        const data = world.program(programId);
        return customerJson(updateCustomer(data, customerOf(data, key), changes));
      },
      archive(programId: string, key: string, archived = true) {
        const data = world.program(programId);
        archiveCustomer(data, customerOf(data, key), archived);
      },
      delete(programId: string, key: string) {
        const data = world.program(programId);
        deleteCustomer(data, customerOf(data, key));
      },
      /** Deleted customers are included, marked `deleted: true`. */
      list(programId: string) {
        return world.program(programId).customers.map(customerJson);
      },
    },

    transactions: {
      create(programId: string, fields: JsonObject): TransactionView[] {
        return createTransactions(world.program(programId), fields).map(transactionView);
      },
      delete(programId: string, key: string): void {
        deleteTransactions(world.program(programId), key);
      },
      /** Every transaction recorded, deleted ones too (with `deleted_at` and reversed rewards), oldest first. */
      list(programId: string): TransactionView[] {
        return world.program(programId).transactions.map(transactionView);
      },
    },

    /** Commission a partner has earned and not lost: rewards of live, unarchived transactions, per currency. */
    commissionOf(programId: string, partnerId: string): Record<string, number> {
      const totals: Record<string, number> = {};
      for (const transaction of world.program(programId).liveTransactions()) {
        if (transaction.archived_at) continue;
        for (const reward of transaction.rewards) {
          if (reward.partner === partnerId && reward.status === 'ok')
            totals[reward.amount_units] = (totals[reward.amount_units] ?? 0) + reward.amount;
        }
      }
      return totals;
    },

    /** Webhooks with their signing secrets, as the API's list shows them. */
    webhooks(programId: string) {
      return world.program(programId).webhooks.map(webhookJson);
    },

    injectFault(plan: FaultPlan): void {
      faults.inject(plan);
    },

    clearFaults(): void {
      faults.clear();
    },

    requestCounts(): Record<string, RouteCount> {
      return counter.snapshot();
    },

    resetRequestCounts(): void {
      counter.clear();
    },

    /** Waits until every delivery has been accepted or has used up its retries. */
    flushDeliveries(): Promise<void> {
      return deliverer.flush();
    },

    deliveries(filter: { programId?: string; event?: string } = {}): DeliveryView[] {
      return deliverer
        .list()
        .filter(
          (delivery) =>
            (filter.programId === undefined || delivery.programId === filter.programId) &&
            (filter.event === undefined || delivery.event === filter.event),
        )
        .map((delivery) => ({ ...delivery, payload: JSON.parse(delivery.body) }));
    },

    configureDeliveries(options: Partial<DeliveryOptions>): void {
      deliverer.configure(options);
    },
  };
}

export type PartneroControl = ReturnType<typeof createPartneroControl>;

function throwing(error: Error): never {
  throw error;
}
