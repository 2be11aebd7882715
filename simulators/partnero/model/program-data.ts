import type { Clock } from './clock';
import { partneroTimestamp } from './clock';
import type { CustomerRecord, PartnerRecord, ProgramRecord, TransactionRecord, WebhookRecord } from './records';

/** Something that happened in a program that webhooks may be subscribed to; `data` is the API's JSON of the record. */
export interface ProgramEvent {
  readonly event: string;
  readonly data: object;
}

/**
 * Everything one program holds. Each API key sees exactly one of these, which is how the
 * simulator scopes every resource to the key's program.
 */
export class ProgramData {
  readonly partners: PartnerRecord[] = [];
  readonly customers: CustomerRecord[] = [];
  readonly transactions: TransactionRecord[] = [];
  readonly webhooks: WebhookRecord[] = [];
  private transactionSequence = 0;

  constructor(
    readonly program: ProgramRecord,
    private readonly clock: Clock,
    private readonly onEvent: (program: ProgramRecord, event: ProgramEvent) => void,
  ) {}

  now(): string {
    return partneroTimestamp(this.clock());
  }

  emit(event: string, data: object): void {
    this.onEvent(this.program, { event, data });
  }

  nextTransactionSequence(): number {
    this.transactionSequence += 1;
    return this.transactionSequence;
  }

  livePartners(): PartnerRecord[] {
    return this.partners.filter((partner) => partner.deleted_at === null);
  }

  liveCustomers(): CustomerRecord[] {
    return this.customers.filter((customer) => customer.deleted_at === null);
  }

  liveTransactions(): TransactionRecord[] {
    return this.transactions.filter((transaction) => transaction.deleted_at === null);
  }

  partnerById(id: string): PartnerRecord | undefined {
    return this.livePartners().find((partner) => partner.id === id);
  }

  partnerByKey(key: string): PartnerRecord | undefined {
    return this.livePartners().find((partner) => partner.key === key);
  }

  partnerByEmail(email: string): PartnerRecord | undefined {
    return this.livePartners().find((partner) => partner.email.toLowerCase() === email.toLowerCase());
  }

  /** Key first, then id, then email: the order `GET /customers/{x}` resolves in. */
  customerByAnyIdentifier(identifier: string): CustomerRecord | undefined {
    const live = this.liveCustomers();
    return (
      live.find((customer) => customer.key === identifier) ??
      live.find((customer) => customer.id === identifier) ??
      live.find((customer) => customer.email !== null && customer.email.toLowerCase() === identifier.toLowerCase())
    );
  }

  customerByKey(key: string): CustomerRecord | undefined {
    return this.liveCustomers().find((customer) => customer.key === key);
  }

  /** Transactions share keys; the newest live one answers `GET /transactions/{key}`. */
  transactionsByKey(key: string): TransactionRecord[] {
    return this.liveTransactions().filter((transaction) => transaction.key === key);
  }

  webhookByKey(key: string): WebhookRecord | undefined {
    return this.webhooks.find((webhook) => webhook.key === key);
  }
}
