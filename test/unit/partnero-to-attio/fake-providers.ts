import { ProviderHttpError } from '../../../shared/errors';
import type { PartneroCustomer, PartneroPartner, PartneroTransaction } from '../../../shared/partnero/resource-schemas';
import type { AttioAttributeInfo, AttioStatusInfo } from '../../../shared/attio/attio-schema';
import { comparableFromAttio } from '../../../shared/attio/attio-value-reader';
import type { AttioRecordSnapshot, AttioRecordsPort } from '../../../shared/attio/attio-records';
import type { PartneroRecordsPort } from '../../../shared/partnero-to-attio/ports';
import type { LinkStore } from '../../../shared/partnero-to-attio/sync-context';
import type { LinkedKind, RecordLink } from '../../../shared/sync/link-repository';
import { readShapeOf } from './attio-read-shape';
import { companyAttributes, dealAttributes, dealStages, peopleAttributes } from './attribute-fixtures';

interface StoredRecord {
  readonly recordId: string;
  values: Record<string, unknown[]>;
}

/**
 * An in-memory Attio for the unit tests of this direction: assert matches on a unique
 * attribute, creating refuses a unique value another record holds, and every call is counted.
 * The Attio simulator checks the same rules for real in the integration tests.
 */
export class FakeAttio implements AttioRecordsPort {
  readonly calls: string[] = [];
  readonly records: Record<string, StoredRecord[]> = { people: [], companies: [], deals: [] };
  readonly attributes: Record<string, AttioAttributeInfo[]> = {
    people: peopleAttributes,
    companies: companyAttributes,
    deals: dealAttributes,
  };
  statuses: AttioStatusInfo[] = dealStages;
  private nextId = 1;

  async listAttributes(object: string): Promise<AttioAttributeInfo[]> {
    this.calls.push(`attributes ${object}`);
    return this.attributes[object] ?? [];
  }

  async listStatuses(object: string, attribute: string): Promise<AttioStatusInfo[]> {
    this.calls.push(`statuses ${object}.${attribute}`);
    return this.statuses;
  }

  async assertRecord(
    object: string,
    matchingAttribute: string,
    values: Readonly<Record<string, unknown>>,
  ): Promise<AttioRecordSnapshot> {
    this.calls.push(`assert ${object} on ${matchingAttribute}`);
    const wanted = this.comparable(object, matchingAttribute, values[matchingAttribute]);
    const found = this.list(object).find((record) =>
      overlaps(this.comparableOf(object, matchingAttribute, record), wanted),
    );
    if (found) return this.write(object, found, values, 'assert', matchingAttribute);
    this.refuseTakenUniqueValues(object, values);
    const created: StoredRecord = { recordId: `record-${this.nextId++}`, values: {} };
    this.list(object).push(created);
    return this.write(object, created, values, 'assert', matchingAttribute);
  }

  async updateRecord(
    object: string,
    recordId: string,
    values: Readonly<Record<string, unknown>>,
  ): Promise<AttioRecordSnapshot | undefined> {
    this.calls.push(`update ${object} ${recordId}`);
    const found = this.list(object).find((record) => record.recordId === recordId);
    if (!found) return undefined;
    this.refuseTakenUniqueValues(object, values, found);
    return this.write(object, found, values, 'patch');
  }

  /** Refuses, as Attio does, a unique attribute's value that a record other than `writing` already holds. */
  private refuseTakenUniqueValues(object: string, values: Readonly<Record<string, unknown>>, writing?: StoredRecord) {
    for (const [slug, value] of Object.entries(values)) {
      if (!this.attribute(object, slug).isUnique) continue;
      const taken = this.list(object).find(
        (record) =>
          record !== writing && overlaps(this.comparableOf(object, slug, record), this.comparable(object, slug, value)),
      );
      if (taken)
        throw new ProviderHttpError(
          'attio',
          400,
          'uniqueness_conflict',
          `The value provided for attribute ${slug} conflicts with one already in the system.`,
        );
    }
  }

  async findRecordsByValue(object: string, slug: string, value: unknown): Promise<AttioRecordSnapshot[]> {
    this.calls.push(`query ${object} by ${slug}`);
    const wanted = this.comparable(object, slug, value);
    return this.list(object)
      .filter((record) => overlaps(this.comparableOf(object, slug, record), wanted))
      .slice(0, 2)
      .map((record) => ({ recordId: record.recordId, values: structuredClone(record.values) }));
  }

  async findPeopleByEmail(email: string): Promise<string[]> {
    this.calls.push('query people by email');
    return this.list('people')
      .filter((record) => overlaps(this.comparableOf('people', 'email_addresses', record), [email.toLowerCase()]))
      .map((record) => record.recordId);
  }

  /** A record made in Attio by the sales team. */
  seed(object: string, values: Record<string, unknown>): string {
    const record: StoredRecord = { recordId: `record-${this.nextId++}`, values: {} };
    this.list(object).push(record);
    this.write(object, record, values, 'patch');
    return record.recordId;
  }

  recordValue(object: string, recordId: string, slug: string): unknown {
    const record = this.list(object).find((candidate) => candidate.recordId === recordId);
    return record ? comparableFromAttio(this.attribute(object, slug), record.values[slug]) : undefined;
  }

  writeCalls(): string[] {
    return this.calls.filter((call) => call.startsWith('assert') || call.startsWith('update'));
  }

  /** Sales-team edits made in Attio after a record was written. */
  addValue(object: string, recordId: string, slug: string, value: unknown): void {
    const record = this.list(object).find((candidate) => candidate.recordId === recordId);
    if (record) this.write(object, record, { [slug]: value }, 'patch');
  }

  private write(
    object: string,
    record: StoredRecord,
    values: Readonly<Record<string, unknown>>,
    mode: 'assert' | 'patch',
    matchingAttribute?: string,
  ): AttioRecordSnapshot {
    for (const [slug, value] of Object.entries(values)) {
      const shaped = readShapeOf(this.attribute(object, slug), value, this.statuses);
      // PATCH adds multiselect values, as does asserting on a multiselect attribute; assert replaces every other one.
      const adds = this.attribute(object, slug).isMultiselect && (mode === 'patch' || slug === matchingAttribute);
      record.values[slug] = adds ? [...shaped, ...(record.values[slug] ?? [])] : shaped;
    }
    return { recordId: record.recordId, values: structuredClone(record.values) };
  }

  private list(object: string): StoredRecord[] {
    this.records[object] ??= [];
    return this.records[object];
  }

  private attribute(object: string, slug: string): AttioAttributeInfo {
    const found = this.attributes[object]?.find((candidate) => candidate.slug === slug);
    if (!found)
      throw new ProviderHttpError('attio', 400, 'value_not_found', `Cannot find attribute with slug/ID "${slug}".`);
    return found;
  }

  private comparable(object: string, slug: string, write: unknown): string[] {
    const value = comparableFromAttio(
      this.attribute(object, slug),
      readShapeOf(this.attribute(object, slug), write, this.statuses),
    );
    return value === undefined ? [] : [value].flat().map(String);
  }

  private comparableOf(object: string, slug: string, record: StoredRecord): string[] {
    const value = comparableFromAttio(this.attribute(object, slug), record.values[slug]);
    return value === undefined ? [] : [value].flat().map(String);
  }
}

function overlaps(left: string[], right: string[]): boolean {
  return left.some((value) => right.includes(value));
}

/** Partnero's current state, as the worker re-reads it. */
export class FakePartnero implements PartneroRecordsPort {
  readonly partners = new Map<string, PartneroPartner>();
  readonly customers = new Map<string, PartneroCustomer>();
  readonly transactions = new Map<string, PartneroTransaction>();
  readonly calls: string[] = [];

  async findPartner(id: string) {
    this.calls.push(`partner ${id}`);
    return this.partners.get(id);
  }

  async findCustomer(key: string) {
    this.calls.push(`customer ${key}`);
    return this.customers.get(key);
  }

  async findTransaction(key: string) {
    this.calls.push(`transaction ${key}`);
    return this.transactions.get(key);
  }
}

export class InMemoryLinks implements LinkStore {
  readonly links = new Map<string, RecordLink>();

  async findByPartneroId(programId: string, kind: LinkedKind, partneroId: string): Promise<RecordLink | undefined> {
    return this.links.get(`${programId}/${kind}/${partneroId}`);
  }

  async findByAttioRecordId(
    programId: string,
    attioRecordId: string,
    kind: LinkedKind,
  ): Promise<RecordLink | undefined> {
    return [...this.links.values()].find(
      (link) => link.programId === programId && link.attioRecordId === attioRecordId && link.kind === kind,
    );
  }

  async save(link: RecordLink): Promise<void> {
    this.links.set(`${link.programId}/${link.kind}/${link.partneroId}`, link);
  }
}
