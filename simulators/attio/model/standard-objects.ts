/**
 * The standard objects the sync touches, with the attributes Attio documents for them.
 *
 * Every attribute here is an Attio "system" attribute (`is_system_attribute: true`, OpenAPI
 * `components.schemas.attribute`: "`true` if this is an Attio system-defined attribute"), and
 * the docs say developers "can rely on being able to read and write from/to these predefined (or
 * 'system') attributes" (https://docs.attio.com/docs/standard-objects/standard-objects). Whether
 * one can be written is `is_writable` alone, false only for `record_id`, `created_at`,
 * `created_by` (same page, "Writable? No") and values Attio enriches (`avatar_url`, "cannot
 * currently be set via the API", https://docs.attio.com/api-reference/people/create-a-person-record).
 */
export interface AttributeDefinition {
  readonly api_slug: string;
  readonly title: string;
  readonly type: string;
  readonly is_unique?: boolean;
  readonly is_multiselect?: boolean;
  readonly is_required?: boolean;
  readonly is_system_attribute?: boolean;
  readonly is_writable?: boolean;
  readonly config?: {
    currency?: { default_currency_code: string; display_type: string };
    record_reference?: { allowed_objects: string[] };
  };
  /** Status titles for a status attribute. */
  readonly statuses?: readonly string[];
}

export interface ObjectDefinition {
  readonly api_slug: string;
  readonly singular_noun: string;
  readonly plural_noun: string;
  readonly attributes: readonly AttributeDefinition[];
}

/** An attribute Attio defines on a standard object: system, and writable unless said otherwise. */
const standard = (definition: Omit<AttributeDefinition, 'is_system_attribute'>): AttributeDefinition => ({
  is_writable: true,
  ...definition,
  is_system_attribute: true,
});

/** On every object, standard or custom, and never writable (docs: standard-objects, "Attributes on every object"). */
export const attributesOnEveryObject: readonly AttributeDefinition[] = [
  standard({ api_slug: 'record_id', title: 'Record ID', type: 'text', is_writable: false }),
  standard({ api_slug: 'created_at', title: 'Created at', type: 'timestamp', is_writable: false }),
  standard({ api_slug: 'created_by', title: 'Created by', type: 'actor-reference', is_writable: false }),
];

/** People and companies both list the deals they are part of (each one's "Writeable attributes"). */
const associatedDeals = standard({
  api_slug: 'associated_deals',
  title: 'Associated deals',
  type: 'record-reference',
  is_multiselect: true,
  config: { record_reference: { allowed_objects: ['deals'] } },
});

export const standardObjects: readonly ObjectDefinition[] = [
  {
    // https://docs.attio.com/docs/standard-objects/standard-objects-people, "Writeable attributes".
    api_slug: 'people',
    singular_noun: 'Person',
    plural_noun: 'People',
    attributes: [
      ...attributesOnEveryObject,
      standard({
        api_slug: 'email_addresses',
        title: 'Email addresses',
        type: 'email-address',
        is_unique: true,
        is_multiselect: true,
      }),
      standard({ api_slug: 'name', title: 'Name', type: 'personal-name' }),
      standard({
        api_slug: 'company',
        title: 'Company',
        type: 'record-reference',
        config: { record_reference: { allowed_objects: ['companies'] } },
      }),
      standard({ api_slug: 'description', title: 'Description', type: 'text' }),
      standard({ api_slug: 'job_title', title: 'Job title', type: 'text' }),
      standard({ api_slug: 'phone_numbers', title: 'Phone numbers', type: 'phone-number', is_multiselect: true }),
      standard({ api_slug: 'primary_location', title: 'Primary location', type: 'location' }),
      standard({ api_slug: 'linkedin', title: 'LinkedIn', type: 'text' }),
      standard({ api_slug: 'twitter', title: 'Twitter', type: 'text' }),
      standard({ api_slug: 'avatar_url', title: 'Avatar URL', type: 'text', is_writable: false }),
      associatedDeals,
    ],
  },
  {
    // https://docs.attio.com/docs/standard-objects/standard-objects-companies, "Writeable attributes".
    api_slug: 'companies',
    singular_noun: 'Company',
    plural_noun: 'Companies',
    attributes: [
      ...attributesOnEveryObject,
      standard({ api_slug: 'domains', title: 'Domains', type: 'domain', is_unique: true, is_multiselect: true }),
      standard({ api_slug: 'name', title: 'Name', type: 'text' }),
      standard({ api_slug: 'description', title: 'Description', type: 'text' }),
      standard({
        api_slug: 'team',
        title: 'Team',
        type: 'record-reference',
        is_multiselect: true,
        config: { record_reference: { allowed_objects: ['people'] } },
      }),
      standard({ api_slug: 'primary_location', title: 'Primary location', type: 'location' }),
      associatedDeals,
    ],
  },
  {
    // https://docs.attio.com/docs/standard-objects/standard-objects-deals: name, stage and owner are required.
    api_slug: 'deals',
    singular_noun: 'Deal',
    plural_noun: 'Deals',
    attributes: [
      ...attributesOnEveryObject,
      standard({ api_slug: 'name', title: 'Deal name', type: 'text', is_required: true }),
      standard({
        api_slug: 'stage',
        title: 'Deal stage',
        type: 'status',
        is_required: true,
        statuses: ['Lead', 'In Progress', 'Won 🎉', 'Lost'],
      }),
      standard({ api_slug: 'owner', title: 'Deal owner', type: 'actor-reference', is_required: true }),
      standard({
        api_slug: 'value',
        title: 'Deal value',
        type: 'currency',
        config: { currency: { default_currency_code: 'USD', display_type: 'symbol' } },
      }),
      standard({
        api_slug: 'associated_people',
        title: 'Associated people',
        type: 'record-reference',
        is_multiselect: true,
        config: { record_reference: { allowed_objects: ['people'] } },
      }),
      standard({
        api_slug: 'associated_company',
        title: 'Associated company',
        type: 'record-reference',
        config: { record_reference: { allowed_objects: ['companies'] } },
      }),
    ],
  },
];
