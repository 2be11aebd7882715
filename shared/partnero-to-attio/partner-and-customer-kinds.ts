import type { PartneroCustomer, PartneroPartner } from '../partnero/resource-schemas';
import type { FieldMapping, ProgramSettings } from '../programs/program-settings';
import type { RecordLink } from '../sync/link-repository';
import type { AttioObjectSchema } from '../attio/attio-schema';
import { PEOPLE_OBJECT } from '../attio/object-slugs';
import { customerStatusLabel, planCustomerPerson } from './customer-record';
import { deliveredCustomer, deliveredPartner } from './delivered-record';
import type { PartneroEvent } from './partnero-event';
import { partnerStatusLabel, planPartnerRecord } from './partner-record';
import type { PartneroRecordsPort } from './ports';
import type { RecordPlan } from './record-plan';
import { syncAttributeSlugs } from '../attio/sync-attribute-slugs';

/**
 * What the one partner-and-customer sync (`sync-partner-or-customer.ts`) needs to know of each
 * kind: where its record lands, what it asserts on, which fields it maps (also what the echo
 * rule's value check hashes), how it is read and planned. The rules themselves (stale guard,
 * deletion mark, echo, noop, write) are the sync's, the same for both kinds, so they cannot drift.
 */
export interface PartnerOrCustomerKind<Resource extends PartneroPartner | PartneroCustomer> {
  readonly kind: 'partner' | 'customer';
  /** The delivery whose record no longer existing is marked `deleted` rather than stale. */
  readonly deletedEvent: PartneroEvent['name'];
  /** The unique tag attribute every write asserts on, holding the Partnero id. */
  readonly matchingAttribute: string;
  /** Where the record shows Partnero's status (`deleted` once Partnero no longer has it). */
  readonly statusAttribute: string;
  /** The Attio object the record lands in under the program's settings. */
  objectOf(settings: ProgramSettings): string;
  /** The program's mapped fields for the kind: what is written, and what the echo rule hashes. */
  fieldMappingsOf(settings: ProgramSettings): readonly FieldMapping[];
  /** The delivery when it can stand in for reading the record (`delivered-record.ts`). */
  delivered(event: PartneroEvent, link: RecordLink | undefined, mappedFields: readonly string[]): Resource | undefined;
  find(partnero: PartneroRecordsPort, partneroId: string): Promise<Resource | undefined>;
  /** Partnero still answers the record but shows it deleted (a customer's soft delete). */
  readsAsDeleted(resource: Resource): boolean;
  plan(resource: Resource, eventName: string, settings: ProgramSettings, schema: AttioObjectSchema): RecordPlan;
  partneroIdOf(resource: Resource): string;
}

export const partnerKind: PartnerOrCustomerKind<PartneroPartner> = {
  kind: 'partner',
  deletedEvent: 'partner.deleted',
  matchingAttribute: syncAttributeSlugs.partnerId,
  statusAttribute: syncAttributeSlugs.partnerStatus,
  objectOf: (settings) => settings.partners.targetObject,
  fieldMappingsOf: (settings) => settings.partners.fieldMappings,
  delivered: deliveredPartner,
  find: (partnero, id) => partnero.findPartner(id),
  // A deleted partner no longer resolves; archived and rejected ones keep their values and show their status.
  readsAsDeleted: () => false,
  plan: (partner, eventName, settings, schema) =>
    planPartnerRecord(partner, partnerStatusLabel(partner, eventName), settings.partners, schema),
  partneroIdOf: (partner) => partner.id,
};

export const customerKind: PartnerOrCustomerKind<PartneroCustomer> = {
  kind: 'customer',
  deletedEvent: 'customer.deleted',
  matchingAttribute: syncAttributeSlugs.customerKey,
  statusAttribute: syncAttributeSlugs.customerStatus,
  objectOf: () => PEOPLE_OBJECT,
  fieldMappingsOf: (settings) => settings.customers.fieldMappings,
  delivered: deliveredCustomer,
  find: (partnero, key) => partnero.findCustomer(key),
  readsAsDeleted: (customer) => customerStatusLabel(customer) === 'deleted',
  plan: (customer, _eventName, settings, schema) =>
    planCustomerPerson(customer, customerStatusLabel(customer), settings.customers, schema),
  partneroIdOf: (customer) => customer.key,
};
