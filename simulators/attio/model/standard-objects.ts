/** The standard objects the sync touches, with the attributes Attio documents for them. */
export interface AttributeDefinition {
  readonly api_slug: string;
  readonly title: string;
  readonly type: string;
  readonly is_unique?: boolean;
  readonly is_multiselect?: boolean;
  readonly is_required?: boolean;
  readonly is_system_attribute?: boolean;
  readonly is_writable?: boolean;
  readonly config?: { currency?: { default_currency_code: string; display_type: string }; record_reference?: { allowed_objects: string[] } };
  /** Status titles for a status attribute. */
  readonly statuses?: readonly string[];
}

export interface ObjectDefinition {
  readonly api_slug: string;
  readonly singular_noun: string;
  readonly plural_noun: string;
  readonly attributes: readonly AttributeDefinition[];
}

const common: AttributeDefinition[] = [
  { api_slug: 'record_id', title: 'Record ID', type: 'text', is_system_attribute: true, is_writable: false },
  { api_slug: 'created_at', title: 'Created at', type: 'timestamp', is_system_attribute: true, is_writable: false },
  { api_slug: 'created_by', title: 'Created by', type: 'actor-reference', is_system_attribute: true, is_writable: false },
];

export const standardObjects: readonly ObjectDefinition[] = [
  {
    api_slug: 'people',
    singular_noun: 'Person',
    plural_noun: 'People',
    attributes: [
      ...common,
      { api_slug: 'name', title: 'Name', type: 'personal-name' },
      { api_slug: 'email_addresses', title: 'Email addresses', type: 'email-address', is_unique: true, is_multiselect: true },
      { api_slug: 'phone_numbers', title: 'Phone numbers', type: 'phone-number', is_multiselect: true },
      { api_slug: 'job_title', title: 'Job title', type: 'text' },
      { api_slug: 'description', title: 'Description', type: 'text' },
      { api_slug: 'company', title: 'Company', type: 'record-reference', config: { record_reference: { allowed_objects: ['companies'] } } },
      { api_slug: 'associated_deals', title: 'Associated deals', type: 'record-reference', is_multiselect: true, config: { record_reference: { allowed_objects: ['deals'] } } },
    ],
  },
  {
    api_slug: 'companies',
    singular_noun: 'Company',
    plural_noun: 'Companies',
    attributes: [
      ...common,
      { api_slug: 'name', title: 'Name', type: 'text' },
      { api_slug: 'domains', title: 'Domains', type: 'domain', is_unique: true, is_multiselect: true },
      { api_slug: 'description', title: 'Description', type: 'text' },
      { api_slug: 'team', title: 'Team', type: 'record-reference', is_multiselect: true, config: { record_reference: { allowed_objects: ['people'] } } },
      { api_slug: 'associated_deals', title: 'Associated deals', type: 'record-reference', is_multiselect: true, config: { record_reference: { allowed_objects: ['deals'] } } },
    ],
  },
  {
    api_slug: 'deals',
    singular_noun: 'Deal',
    plural_noun: 'Deals',
    attributes: [
      ...common,
      { api_slug: 'name', title: 'Deal name', type: 'text', is_required: true },
      { api_slug: 'stage', title: 'Deal stage', type: 'status', is_required: true, statuses: ['Lead', 'In Progress', 'Won 🎉', 'Lost'] },
      { api_slug: 'owner', title: 'Deal owner', type: 'actor-reference', is_required: true },
      { api_slug: 'value', title: 'Deal value', type: 'currency', config: { currency: { default_currency_code: 'USD', display_type: 'symbol' } } },
      { api_slug: 'associated_people', title: 'Associated people', type: 'record-reference', is_multiselect: true, config: { record_reference: { allowed_objects: ['people'] } } },
      { api_slug: 'associated_company', title: 'Associated company', type: 'record-reference', config: { record_reference: { allowed_objects: ['companies'] } } },
    ],
  },
];
