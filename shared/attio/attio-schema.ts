/**
 * What the sync needs to know about an Attio attribute to write it: its type decides the
 * write form (a personal name is an object, an email list an array), uniqueness decides what a
 * record can be matched on, and a currency attribute's fixed code decides whether an amount
 * may go in at all.
 */
export interface AttioAttributeInfo {
  readonly slug: string;
  readonly type: string;
  readonly isMultiselect: boolean;
  readonly isUnique: boolean;
  /** `config.currency.default_currency_code` of a currency attribute; null otherwise. */
  readonly currencyCode: string | null;
}

export interface AttioStatusInfo {
  readonly statusId: string;
  readonly title: string;
  readonly isArchived: boolean;
}

/** An object's attributes by api slug. */
export type AttioObjectSchema = ReadonlyMap<string, AttioAttributeInfo>;

export function objectSchemaOf(attributes: readonly AttioAttributeInfo[]): AttioObjectSchema {
  return new Map(attributes.map((attribute) => [attribute.slug, attribute]));
}
