import { isSyncAttribute } from '../programs/attio-sync-attributes';

/**
 * Which Partnero field may be mapped to which Attio attribute. Pure and free of Node APIs: the
 * settings page runs this very module in the browser, and the server runs it again on save.
 *
 * Each Partnero field has a kind of value (an email, a name, an amount, ...). Each kind lists
 * the Attio attribute types that can hold it without losing meaning: an email goes to an Email
 * address or a Text attribute, an amount to a Currency, Number or Text attribute, a flag to a
 * Checkbox. Types no kind lists (status, record and member references, location, phone,
 * rating) are set by the sync's own settings (won stage, owner) or not at all.
 */
export type PartneroRecordKind = 'partner' | 'customer' | 'transaction';

export type PartneroValueKind =
  | 'id'
  | 'text'
  | 'email'
  | 'domain'
  | 'person-name'
  | 'boolean'
  | 'url'
  | 'text-list'
  | 'timestamp'
  | 'money'
  | 'currency-code';

export interface PartneroFieldInfo {
  /** What the settings store in `partneroField`; the workers read the Partnero value by it. */
  readonly name: string;
  readonly label: string;
  readonly kind: PartneroValueKind;
}

const field = (name: string, label: string, kind: PartneroValueKind): PartneroFieldInfo => ({ name, label, kind });

/** What Partnero records of a person, partner or customer alike. */
const personFields: readonly PartneroFieldInfo[] = [
  field('email', 'Email', 'email'),
  field('full_name', 'Full name', 'person-name'),
  field('name', 'First name', 'text'),
  field('surname', 'Last name', 'text'),
  field('email_domain', 'Email domain', 'domain'),
];

/** The Partnero fields per record kind, named as the sync workers read them. */
export const partneroFields: Readonly<Record<PartneroRecordKind, readonly PartneroFieldInfo[]>> = {
  partner: [
    ...personFields,
    field('id', 'Partner ID', 'id'),
    field('key', 'Referral key', 'id'),
    field('status', 'Status', 'text'),
    field('approved', 'Approved', 'boolean'),
    field('referral_link', 'Referral link', 'url'),
    field('tags', 'Tags', 'text-list'),
    field('created_at', 'Signed up at', 'timestamp'),
  ],
  customer: [
    ...personFields,
    field('key', 'Customer key', 'id'),
    field('partner', 'Referring partner ID', 'id'),
    field('status', 'Status', 'text'),
    field('tags', 'Tags', 'text-list'),
    field('created_at', 'Created at', 'timestamp'),
  ],
  transaction: [
    field('amount', 'Amount', 'money'),
    field('commission', 'Commission', 'money'),
    field('amount_units', 'Currency', 'currency-code'),
    field('key', 'Transaction key', 'id'),
    field('action', 'Action', 'text'),
    field('customer', 'Customer key', 'id'),
    field('partner', 'Partner ID', 'id'),
    field('created_at', 'Date', 'timestamp'),
  ],
};

/** The Attio attribute types each kind of value may be written to, best fit first. */
export const compatibleAttioTypes: Readonly<Record<PartneroValueKind, readonly string[]>> = {
  id: ['text'],
  text: ['text', 'select'],
  email: ['email-address', 'text'],
  domain: ['domain', 'text'],
  'person-name': ['personal-name', 'text'],
  boolean: ['checkbox', 'text'],
  url: ['text'],
  'text-list': ['select', 'text'],
  timestamp: ['timestamp', 'date', 'text'],
  money: ['currency', 'number', 'text'],
  'currency-code': ['text', 'select'],
};

export const attioTypeLabels: Readonly<Record<string, string>> = {
  text: 'Text',
  number: 'Number',
  checkbox: 'Checkbox',
  currency: 'Currency',
  date: 'Date',
  timestamp: 'Timestamp',
  rating: 'Rating',
  status: 'Status',
  select: 'Select',
  'record-reference': 'Record reference',
  'actor-reference': 'Workspace member',
  location: 'Location',
  domain: 'Domain',
  'email-address': 'Email address',
  'phone-number': 'Phone number',
  'personal-name': 'Personal name',
  interaction: 'Interaction',
};

const valueKindLabels: Readonly<Record<PartneroValueKind, string>> = {
  id: 'an ID',
  text: 'text',
  email: 'an email address',
  domain: 'a domain',
  'person-name': 'a name',
  boolean: 'yes or no',
  url: 'a link',
  'text-list': 'a list of tags',
  timestamp: 'a date and time',
  money: 'an amount',
  'currency-code': 'a currency code',
};

/** What the settings need to know about an Attio attribute (from Attio's attribute list). */
export interface AttioAttributeSummary {
  readonly slug: string;
  readonly title: string;
  readonly type: string;
  readonly isMultiselect: boolean;
  /** Attio's `is_writable`: the only thing that says whether the sync may write the attribute. */
  readonly isWritable: boolean;
  /**
   * Attio's `is_system_attribute`: defined by Attio, as every standard attribute is (people
   * `name`, `email_addresses`, companies `domains`, ...). Informational only: system attributes
   * are written like any other, so this never hides or refuses a mapping.
   */
  readonly isSystem: boolean;
  readonly isUnique: boolean;
}

export type MappingCheck = { readonly ok: true } | { readonly ok: false; readonly message: string };

export function attioTypeLabel(type: string): string {
  return attioTypeLabels[type] ?? type;
}

export function findPartneroField(kind: PartneroRecordKind, name: string): PartneroFieldInfo | undefined {
  return partneroFields[kind].find((candidate) => candidate.name === name);
}

/**
 * True when the attribute can be a mapping target at all: writable (Attio's `is_writable`, which
 * alone decides it, system attribute or not) and not one of the sync's own.
 */
export function isMappableAttribute(attribute: AttioAttributeSummary): boolean {
  return attribute.isWritable && !isSyncAttribute(attribute.slug);
}

/**
 * Deal attributes the sync writes itself from the Partnero sale and the deal settings: a mapping
 * onto them would fight the sync (a commission written over the deal value, say).
 */
export const managedDealAttributes: Readonly<Record<string, string>> = {
  name: 'the sync names each deal after its sale',
  value: 'the sync writes the sale amount here',
  stage: 'the sync sets the stage from the deal settings',
  owner: 'the sync sets the owner from the deal settings',
};

/** How the page names a Partnero field's kind of value, e.g. "yes or no". */
export function partneroValueLabel(kind: PartneroValueKind): string {
  return valueKindLabels[kind];
}

/**
 * Whether `partneroField` of a `kind` record may be synced with `attribute`. `attribute` is
 * undefined when the object has no attribute with the mapped slug.
 */
export function checkMapping(
  kind: PartneroRecordKind,
  partneroField: string,
  attributeSlug: string,
  attribute: AttioAttributeSummary | undefined,
): MappingCheck {
  const source = findPartneroField(kind, partneroField);
  if (!source) return { ok: false, message: `"${partneroField}" is not a Partnero ${kind} field.` };
  if (!attribute)
    return { ok: false, message: `Attio has no attribute "${attributeSlug}" here any more. Choose another one.` };
  if (isSyncAttribute(attribute.slug))
    return { ok: false, message: `"${attribute.title}" is kept up to date by the sync itself and cannot be mapped.` };
  if (!attribute.isWritable) return { ok: false, message: `"${attribute.title}" is read-only in Attio.` };
  const managed = kind === 'transaction' ? managedDealAttributes[attribute.slug] : undefined;
  if (managed) {
    if (source.name === 'commission' && attribute.slug === 'value') {
      return {
        ok: false,
        message:
          `The commission cannot go into "${attribute.title}": ${managed}, and a commission there ` +
          `would overstate the deal. Map it to a Currency or Number attribute of its own.`,
      };
    }
    return { ok: false, message: `"${attribute.title}" is managed by the sync (${managed}) and cannot be mapped.` };
  }
  const allowed = compatibleAttioTypes[source.kind];
  if (!allowed.includes(attribute.type)) {
    const choices = allowed.map(attioTypeLabel);
    const list =
      choices.length > 1 ? `${choices.slice(0, -1).join(', ')} or ${choices[choices.length - 1]}` : (choices[0] ?? '');
    return {
      ok: false,
      message:
        `${source.label} is ${valueKindLabels[source.kind]} and cannot go into ` +
        `"${attribute.title}", a ${attioTypeLabel(attribute.type)} attribute. Choose a ${list} ` +
        `attribute.`,
    };
  }
  return { ok: true };
}

/** Attribute types that can name a customer's referring partner (see attio-to-partnero/referring-partner.ts). */
export const referringPartnerAttributeTypes: readonly string[] = [
  'record-reference',
  'text',
  'select',
  'email-address',
];

/** Where each kind of value usually lives, when a mapping has to find a new home. */
const usualAttributes: Partial<Record<PartneroValueKind, readonly string[]>> = {
  email: ['email_addresses'],
  domain: ['domains'],
  'person-name': ['name'],
};

export interface ProposedMapping {
  readonly rows: { partneroField: string; attioAttribute: string }[];
  /** Plain sentences saying what changed, for the page to show. */
  readonly notes: string[];
}

/**
 * The mapping moved to another object (partners from People to Companies): each row keeps its
 * attribute when the new object has a fitting one of that slug, else takes the usual home of its
 * kind of value (a name goes to `name`, a domain to `domains`), else the first unused attribute of
 * the kind's best-fit type; a row with none is dropped and named in the notes.
 */
export function proposeMappings(
  kind: PartneroRecordKind,
  rows: readonly { partneroField: string; attioAttribute: string }[],
  attributes: readonly AttioAttributeSummary[],
  objectLabel: string,
): ProposedMapping {
  const used = new Set<string>();
  const proposed: { partneroField: string; attioAttribute: string }[] = [];
  const notes: string[] = [];
  const fits = (
    row: { partneroField: string },
    attribute: AttioAttributeSummary | undefined,
  ): attribute is AttioAttributeSummary =>
    attribute !== undefined &&
    !used.has(attribute.slug) &&
    checkMapping(kind, row.partneroField, attribute.slug, attribute).ok;
  for (const row of rows) {
    const source = findPartneroField(kind, row.partneroField);
    if (!source) continue;
    const bySlug = (slug: string) => attributes.find((attribute) => attribute.slug === slug);
    const choice =
      [row.attioAttribute, ...(usualAttributes[source.kind] ?? [])]
        .map(bySlug)
        .find((attribute) => fits(row, attribute)) ??
      // Else only the best-fit type: an email is not moved into any text attribute that happens to exist.
      attributes
        .filter((attribute) => attribute.type === compatibleAttioTypes[source.kind][0])
        .find((attribute) => fits(row, attribute));
    if (!choice) {
      notes.push(
        `${source.label} was removed: ${objectLabel} has no attribute that can hold ${valueKindLabels[source.kind]}.`,
      );
      continue;
    }
    used.add(choice.slug);
    proposed.push({ partneroField: row.partneroField, attioAttribute: choice.slug });
    if (choice.slug !== row.attioAttribute) notes.push(`${source.label} now goes to "${choice.title}".`);
  }
  return { rows: proposed, notes };
}
