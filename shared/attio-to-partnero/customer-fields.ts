import type { CustomerChanges } from '../partnero/customers-api';
import type { PartneroCustomer } from '../partnero/resource-schemas';
import type { FieldMapping } from '../programs/program-settings';
import { emailsOf, isPersonalName, personNameOf, textOf, textsOf, type AttioRecord } from './attio-record';

/** The Partnero customer fields an Attio person can set; the rest (key, partner, status, dates) belong to Partnero. */
export interface CustomerFields {
  readonly email?: string;
  readonly name?: string;
  readonly surname?: string;
  readonly tags?: readonly string[];
}

/**
 * Reads the program's customer mapping backwards: each row names a Partnero field and the Attio
 * attribute it is synced with. An empty attribute sets nothing (a blank in Attio does not erase
 * Partnero's value). A person with several emails keeps the customer's current one when it is
 * among them, so adding a second address in Attio does not re-key the customer's email.
 */
export function customerFieldsFromPerson(
  person: AttioRecord,
  mappings: readonly FieldMapping[],
  current: PartneroCustomer | undefined,
): CustomerFields {
  const fields: { email?: string; name?: string; surname?: string; tags?: readonly string[] } = {};
  for (const row of mappings) {
    const slug = row.attioAttribute;
    switch (row.partneroField) {
      case 'email': {
        const emails = emailsOf(person, slug);
        const kept = current?.email ? emails.find((email) => email === current.email?.trim().toLowerCase()) : undefined;
        const email = kept ?? emails[0];
        if (email) fields.email = email;
        break;
      }
      case 'full_name': {
        const name = personNameOf(person, slug);
        if (name) {
          fields.name = name.firstName;
          fields.surname = name.lastName;
        }
        break;
      }
      case 'name':
      case 'surname': {
        const text = isPersonalName(person, slug)
          ? pickNamePart(person, slug, row.partneroField)
          : textOf(person, slug);
        if (text) fields[row.partneroField] = text;
        break;
      }
      case 'tags': {
        const tags = textsOf(person, slug);
        if (tags.length > 0) fields.tags = [...new Set(tags)];
        break;
      }
      default:
        // key, email_domain, partner, status, created_at: read-only from Attio's side.
        break;
    }
  }
  return fields;
}

/** Only what differs from the customer as Partnero holds it; empty when the customer is up to date. */
export function customerChanges(current: PartneroCustomer, desired: CustomerFields): CustomerChanges {
  const changes: { email?: string; name?: string; surname?: string; tags?: string[] } = {};
  if (desired.email !== undefined && desired.email.toLowerCase() !== (current.email ?? '').trim().toLowerCase())
    changes.email = desired.email;
  if (desired.name !== undefined && desired.name !== (current.name ?? '').trim()) changes.name = desired.name;
  if (desired.surname !== undefined && desired.surname !== (current.surname ?? '').trim())
    changes.surname = desired.surname;
  if (desired.tags !== undefined) {
    const currentTags = (current.tags ?? []).map((tag) => tag.value);
    if (!sameSet(desired.tags, currentTags)) changes.tags = [...desired.tags];
  }
  return changes;
}

export function hasChanges(changes: CustomerChanges): boolean {
  return Object.values(changes).some((value) => value !== undefined);
}

/** What Partnero will hold after the changes: the basis of the echo hash stored before the write. */
export function customerAfter(current: PartneroCustomer, changes: CustomerChanges): PartneroCustomer {
  return {
    ...current,
    ...(changes.email !== undefined ? { email: changes.email } : {}),
    ...(changes.name !== undefined ? { name: changes.name } : {}),
    ...(changes.surname !== undefined ? { surname: changes.surname } : {}),
    ...(changes.tags ? { tags: changes.tags.map((value) => ({ value })) } : {}),
  };
}

function pickNamePart(person: AttioRecord, slug: string, field: 'name' | 'surname'): string | undefined {
  const name = personNameOf(person, slug);
  const part = field === 'name' ? name?.firstName : name?.lastName;
  return part || undefined;
}

function sameSet(left: readonly string[], right: readonly string[]): boolean {
  const a = new Set(left);
  const b = new Set(right);
  return a.size === b.size && [...a].every((value) => b.has(value));
}
