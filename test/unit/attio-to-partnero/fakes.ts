import type { AttioRecord } from '../../../shared/attio';
import type { AttioReadPort, PartneroPort } from '../../../shared/attio-to-partnero/ports';
import {
  ClaimConflictError,
  VersionCheckedClaims,
  type ClaimStore,
} from '../../../shared/commissions/claim-repository';
import { movedToSurvivor, type ClaimState, type CommissionClaim } from '../../../shared/commissions/commission-claim';
import { ProviderHttpError, RetryableError } from '../../../shared/errors';
import type { CustomerChanges, NewCustomer } from '../../../shared/partnero/customers-api';
import type { PartneroCustomer, PartneroTransaction } from '../../../shared/partnero/resource-schemas';
import type { NewTransaction } from '../../../shared/partnero/transactions-api';
import type { AttioAttributeInfo, AttioStatusInfo } from '../../../shared/attio/attio-schema';
import type { LinkSaveOptions, RecordLink } from '../../../shared/sync/link-repository';
import { DEALS_OBJECT_ID, PEOPLE_OBJECT_ID } from './attio-records';

const attribute = (slug: string, type: string, isMultiselect = false, isUnique = false): AttioAttributeInfo => ({
  slug,
  type,
  isMultiselect,
  isUnique,
  currencyCode: type === 'currency' ? 'USD' : null,
});

/** An in-memory Attio workspace, read-only as this direction sees it; every call is counted. */
export class FakeAttio implements AttioReadPort {
  readonly calls: string[] = [];
  readonly records = new Map<string, AttioRecord>();
  readonly objects: Record<string, string> = {
    [DEALS_OBJECT_ID]: 'deals',
    [PEOPLE_OBJECT_ID]: 'people',
    'object-companies': 'companies',
  };
  readonly attributes: Record<string, AttioAttributeInfo[]> = {
    deals: [
      attribute('name', 'text'),
      attribute('stage', 'status'),
      attribute('value', 'currency'),
      attribute('owner', 'actor-reference'),
      attribute('associated_people', 'record-reference', true),
      attribute('partnero_transaction_key', 'text', false, true),
    ],
    people: [
      attribute('email_addresses', 'email-address', true, true),
      attribute('name', 'personal-name'),
      attribute('partnero_customer_key', 'text', false, true),
      attribute('partnero_source', 'text'),
    ],
  };

  put(record: AttioRecord): void {
    this.records.set(record.id.record_id, record);
  }

  async getRecord(object: string, recordId: string): Promise<AttioRecord | undefined> {
    this.calls.push(`get ${object} ${recordId}`);
    return this.records.get(recordId);
  }

  async objectSlug(objectId: string): Promise<string | undefined> {
    this.calls.push(`object ${objectId}`);
    return this.objects[objectId];
  }

  async listAttributes(object: string): Promise<AttioAttributeInfo[]> {
    this.calls.push(`attributes ${object}`);
    return this.attributes[object] ?? [];
  }

  async listStatuses(): Promise<AttioStatusInfo[]> {
    return [];
  }

  fetches(): string[] {
    return this.calls.filter((call) => call.startsWith('get '));
  }
}

type TransactionFault = 'fail-before' | 'fail-after-creating' | 'refuse';

/**
 * An in-memory Partnero program that behaves like the real one where it matters here: the same
 * transaction key twice makes two transactions (and two commissions), 30 % commission.
 */
export class FakePartnero implements PartneroPort {
  readonly calls: string[] = [];
  readonly transactionList: PartneroTransaction[] = [];
  readonly customerList: PartneroCustomer[] = [];
  readonly partners = new Set<string>(['partner-key-1']);
  /** Keys of archived transactions: out of `findByKey`, as the strictest reading of Partnero's docs has it. */
  readonly archivedKeys = new Set<string>();
  /** The next archive or restore is done but its answer is lost (a timeout), or refused with 400 "Action failed". */
  nextArchiveFault: 'lose-answer' | 'refuse' | undefined;
  /** The other reading of the docs: archived transactions stay listed, with `deleted_at` set. */
  archivedReadable = false;
  private nextFault: TransactionFault | undefined;

  private takeArchiveFault() {
    const fault = this.nextArchiveFault;
    this.nextArchiveFault = undefined;
    return fault;
  }

  failNextTransaction(fault: TransactionFault): void {
    this.nextFault = fault;
  }

  readonly transactions: PartneroPort['transactions'] = {
    create: async (transaction: NewTransaction) => {
      this.calls.push(`create transaction ${transaction.key}`);
      const fault = this.nextFault;
      this.nextFault = undefined;
      if (fault === 'fail-before') throw new RetryableError('partnero answered 503 to transactions.create');
      if (fault === 'refuse')
        throw new ProviderHttpError('partnero', 422, undefined, 'transactions.create: Validation error');
      const customerKey = 'key' in transaction.customer ? transaction.customer.key : '';
      const customer = this.customerList.find((candidate) => candidate.key === customerKey);
      if (!customer) throw new ProviderHttpError('partnero', 404, undefined, 'transactions.create: Customer not found');
      const amount = transaction.amount ?? 0;
      const created: PartneroTransaction = {
        key: transaction.key,
        amount,
        amount_units: transaction.amount_units ?? 'USD',
        customer: customerKey,
        partner: customer.partner ?? null,
        rewards: [{ amount: amount * 0.3, amount_units: transaction.amount_units ?? 'USD', status: 'ok' }],
        deleted_at: null,
      };
      this.transactionList.push(created);
      if (fault === 'fail-after-creating')
        throw new RetryableError('partnero transactions.create timed out after 10000 ms');
      return created;
    },
    findByKey: async (key: string) => {
      this.calls.push(`find transactions ${key}`);
      const found = this.transactionList.filter((transaction) => transaction.key === key);
      if (!this.archivedKeys.has(key)) return found;
      return this.archivedReadable
        ? found.map((transaction) => ({ ...transaction, deleted_at: '2025-06-01T00:00:00.000000Z' }))
        : [];
    },
    archive: async (key: string) => {
      this.calls.push(`archive transaction ${key}`);
      const fault = this.takeArchiveFault();
      if (!this.transactionList.some((transaction) => transaction.key === key)) return 'not_found';
      if (this.archivedKeys.has(key) || fault === 'refuse') return 'not_applied';
      this.archivedKeys.add(key);
      if (fault === 'lose-answer') throw new RetryableError('partnero transactions.archive timed out after 10000 ms');
      return 'archived';
    },
    restore: async (key: string) => {
      this.calls.push(`restore transaction ${key}`);
      const fault = this.takeArchiveFault();
      if (!this.transactionList.some((transaction) => transaction.key === key)) return 'not_found';
      if (!this.archivedKeys.has(key) || fault === 'refuse') return 'not_applied';
      this.archivedKeys.delete(key);
      if (fault === 'lose-answer') throw new RetryableError('partnero transactions.restore timed out after 10000 ms');
      return 'restored';
    },
    delete: async (key: string) => {
      this.calls.push(`delete transaction ${key}`);
      const before = this.transactionList.length;
      for (let index = this.transactionList.length - 1; index >= 0; index -= 1)
        if (this.transactionList[index]?.key === key) this.transactionList.splice(index, 1);
      return before === this.transactionList.length ? 'not_found' : 'deleted';
    },
  };

  readonly customers: PartneroPort['customers'] = {
    find: async (keyOrEmail: string) => {
      this.calls.push(`find customer ${keyOrEmail}`);
      return this.customerList.find((customer) => customer.key === keyOrEmail || customer.email === keyOrEmail);
    },
    searchByEmail: async (email: string) => {
      this.calls.push(`search customers ${email}`);
      return this.customerList.filter((customer) => customer.email?.toLowerCase() === email.toLowerCase());
    },
    update: async (key: string, changes: CustomerChanges) => {
      this.calls.push(`update customer ${key}`);
      const customer = this.customerList.find((candidate) => candidate.key === key);
      if (!customer) throw new ProviderHttpError('partnero', 404, undefined, 'customers.update: Customer not found');
      const { tags, ...rest } = changes;
      Object.assign(
        customer,
        Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined)),
        tags ? { tags: tags.map((value) => ({ value })) } : {},
      );
      return { ...customer };
    },
    create: async (customer: NewCustomer) => {
      this.calls.push(`create customer ${customer.key}`);
      if (this.customerList.some((candidate) => candidate.key === customer.key))
        throw new ProviderHttpError('partnero', 422, undefined, 'customers.create: Duplicate key');
      const partnerKey =
        'key' in customer.partner
          ? customer.partner.key
          : 'id' in customer.partner
            ? customer.partner.id
            : customer.partner.email;
      if (!this.partners.has(partnerKey))
        throw new ProviderHttpError('partnero', 400, undefined, 'customers.create: Invalid partner key');
      const created: PartneroCustomer = {
        key: customer.key,
        email: customer.email ?? null,
        name: customer.name ?? null,
        surname: customer.surname ?? null,
        partner: partnerKey,
        tags: (customer.tags ?? []).map((value) => ({ value })),
      };
      this.customerList.push(created);
      return { ...created };
    },
  };

  addCustomer(customer: PartneroCustomer): void {
    this.customerList.push({ ...customer });
  }

  writes(): string[] {
    return this.calls.filter((call) => /^(create|update|delete) /.test(call));
  }
}

/** Links as LinkRepository keeps them: one item per side. */
export class InMemoryLinks {
  readonly byAttio = new Map<string, RecordLink>();
  readonly byPartnero = new Map<string, RecordLink>();

  async findByAttioRecordId(programId: string, attioRecordId: string, kind: string): Promise<RecordLink | undefined> {
    return this.byAttio.get(`${programId}/${attioRecordId}/${kind}`);
  }

  async linksOfAttioRecord(programId: string, attioRecordId: string): Promise<RecordLink[]> {
    return [...this.byAttio.entries()]
      .filter(([key]) => key.startsWith(`${programId}/${attioRecordId}/`))
      .map(([, link]) => link);
  }

  async findByPartneroId(programId: string, kind: string, partneroId: string): Promise<RecordLink | undefined> {
    return this.byPartnero.get(`${programId}/${kind}/${partneroId}`);
  }

  async save(link: RecordLink, options: LinkSaveOptions = {}): Promise<void> {
    const previousAttioRecordId = options.previousAttioRecordId;
    this.byPartnero.set(`${link.programId}/${link.kind}/${link.partneroId}`, link);
    this.byAttio.set(`${link.programId}/${link.attioRecordId}/${link.kind}`, link);
    if (previousAttioRecordId && previousAttioRecordId !== link.attioRecordId)
      this.byAttio.delete(`${link.programId}/${previousAttioRecordId}/${link.kind}`);
  }

  async moveToAttioRecord(link: RecordLink, toRecordId: string, now: Date = new Date()): Promise<RecordLink> {
    const moved = { ...link, attioRecordId: toRecordId, updatedAt: now.toISOString() };
    await this.save(moved, { previousAttioRecordId: link.attioRecordId, foundBy: 'attio' });
    return moved;
  }
}

/** Claims with ClaimRepository's rules: the same pure transitions, and every write conditional on the version read. */
export class InMemoryClaims extends VersionCheckedClaims implements ClaimStore {
  readonly claims = new Map<string, CommissionClaim>();
  /** Fails the next write to this state once, as a crash between the Partnero call and the record would. */
  failNextTransitionTo: ClaimState | undefined;

  async find(programId: string, dealRecordId: string): Promise<CommissionClaim | undefined> {
    return this.claims.get(`${programId}/${dealRecordId}`);
  }

  override async transition(...args: Parameters<ClaimStore['transition']>): Promise<CommissionClaim> {
    if (this.failNextTransitionTo === args[1]) {
      this.failNextTransitionTo = undefined;
      throw new Error('the worker crashed before recording the claim');
    }
    return super.transition(...args);
  }

  async moveToSurvivor(
    claim: CommissionClaim,
    survivorRecordId: string,
    now: Date = new Date(),
  ): Promise<CommissionClaim | undefined> {
    if (this.claims.has(`${claim.programId}/${survivorRecordId}`)) return undefined;
    const { moved, left } = movedToSurvivor(claim, survivorRecordId, now);
    await this.write(left, claim);
    this.claims.set(`${moved.programId}/${moved.dealRecordId}`, moved);
    return moved;
  }

  protected async write(claim: CommissionClaim, previous: CommissionClaim | undefined): Promise<void> {
    const key = `${claim.programId}/${claim.dealRecordId}`;
    const stored = this.claims.get(key);
    if (
      (previous === undefined && stored !== undefined) ||
      (previous !== undefined && stored?.version !== previous.version)
    )
      throw new ClaimConflictError(claim.dealRecordId);
    this.claims.set(key, claim);
  }
}
