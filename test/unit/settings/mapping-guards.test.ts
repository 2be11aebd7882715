import { defaultProgramSettings } from '../../../shared/programs/program-settings';
import {
  checkMapping,
  proposeMappings,
  type AttioAttributeSummary,
} from '../../../shared/settings/mapping-compatibility';
import { validateSettings } from '../../../shared/settings/settings-validation';

const attribute = (slug: string, type: string, title = slug): AttioAttributeSummary => ({
  slug,
  title,
  type,
  isMultiselect: false,
  isWritable: true,
  isSystem: false,
  isUnique: false,
});

describe('mappings that would fight the sync or lose meaning', () => {
  it.each(['name', 'value', 'stage', 'owner'])(
    'refuses the deal attribute %s, which the sync writes itself',
    (slug) => {
      // Act
      const check = checkMapping('transaction', 'key', slug, attribute(slug, slug === 'value' ? 'currency' : 'text'));
      // Assess
      expect(check.ok).toBe(false);
      expect(check.ok ? '' : check.message).toContain('managed by the sync');
    },
  );

  it('refuses a commission on the deal value, on the server too, with the way out', () => {
    // Prepare
    const settings = defaultProgramSettings();
    settings.deals.wonStageId = 'won';
    settings.deals.fieldMappings = [{ partneroField: 'commission', attioAttribute: 'value' }];
    // Act
    const result = validateSettings(settings, {
      attributes: { deals: [attribute('value', 'currency', 'Deal value')] },
      dealStages: [{ id: 'won', title: 'Won' }],
    });
    // Assess
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.issues).toEqual([
      {
        path: 'deals.fieldMappings.0.attioAttribute',
        message: expect.stringContaining('The commission cannot go into "Deal value"') as unknown as string,
      },
    ]);
  });

  it('proposes the matching Companies attributes when partners move there, and names what could not move', () => {
    // Prepare: the default People mapping (email, full name) and a referral key in a text attribute.
    const rows = [
      { partneroField: 'email', attioAttribute: 'email_addresses' },
      { partneroField: 'full_name', attioAttribute: 'name' },
      { partneroField: 'email_domain', attioAttribute: 'job_title' },
      { partneroField: 'approved', attioAttribute: 'description' },
    ];
    const companies = [
      attribute('name', 'text', 'Name'),
      attribute('domains', 'domain', 'Domains'),
      attribute('description', 'text', 'Description'),
      attribute('categories', 'select', 'Categories'),
    ];
    // Act
    const proposal = proposeMappings('partner', rows, companies, 'Companies');
    // Assess
    expect(proposal.rows).toEqual([
      { partneroField: 'full_name', attioAttribute: 'name' },
      { partneroField: 'email_domain', attioAttribute: 'domains' },
      { partneroField: 'approved', attioAttribute: 'description' },
    ]);
    expect(proposal.notes).toEqual([
      'Email was removed: Companies has no attribute that can hold an email address.',
      'Email domain now goes to "Domains".',
    ]);
  });
});
