import { defaultProgramSettings, type ProgramSettings } from '../../../shared/programs/program-settings';
import type { AttioAttributeSummary } from '../../../shared/settings/mapping-compatibility';
import { validateSettings, type SettingsCatalog } from '../../../shared/settings/settings-validation';

const attribute = (slug: string, type: string): AttioAttributeSummary => ({
  slug,
  title: slug,
  type,
  isMultiselect: false,
  isWritable: true,
  isSystem: false,
  isUnique: false,
});

const catalog: SettingsCatalog = {
  objects: [
    { slug: 'people', singular: 'Person', plural: 'People' },
    { slug: 'companies', singular: 'Company', plural: 'Companies' },
  ],
  attributes: {
    people: [
      attribute('email_addresses', 'email-address'),
      attribute('name', 'personal-name'),
      attribute('job_title', 'text'),
      attribute('phone_numbers', 'phone-number'),
      attribute('referrer', 'record-reference'),
      attribute('rating', 'rating'),
    ],
    deals: [attribute('value', 'currency'), attribute('notes', 'text')],
  },
  dealStages: [
    { id: 'stage-lead', title: 'Lead' },
    { id: 'stage-won', title: 'Won' },
  ],
  members: [{ id: 'member-1', name: 'Ada Admin', email: 'ada@acme.example' }],
};

function settings(change: (draft: ProgramSettings) => void = () => undefined): ProgramSettings {
  const draft = defaultProgramSettings();
  draft.deals.wonStageId = 'stage-won';
  change(draft);
  return draft;
}

describe('settings validation (the same in the page and on the server)', () => {
  it('accepts complete settings that fit the workspace', () => {
    const valid = settings((draft) => {
      draft.customers.enabled = true;
      draft.customers.referringPartnerAttribute = 'referrer';
      draft.deals.fieldMappings = [{ partneroField: 'commission', attioAttribute: 'notes' }];
      draft.deals.ownerWorkspaceMemberId = 'member-1';
    });
    expect(validateSettings(valid, catalog)).toEqual({ ok: true, settings: valid });
  });

  it('points each issue at its form field', () => {
    const result = validateSettings(
      settings((draft) => {
        draft.partners.fieldMappings.push({ partneroField: 'approved', attioAttribute: 'phone_numbers' });
        draft.deals.wonStageId = null;
        draft.deals.newDealStageId = 'stage-deleted';
        draft.deals.ownerWorkspaceMemberId = 'member-gone';
        draft.customers.referringPartnerAttribute = 'rating';
      }),
      catalog,
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.issues.map((issue) => issue.path)).toEqual([
      'partners.fieldMappings.2.attioAttribute',
      'customers.referringPartnerAttribute',
      'deals.wonStageId',
      'deals.newDealStageId',
      'deals.ownerWorkspaceMemberId',
    ]);
  });

  it('refuses a partner object the workspace does not have', () => {
    const result = validateSettings(
      settings((draft) => (draft.partners.targetObject = 'planets')),
      catalog,
    );
    expect(result).toEqual({
      ok: false,
      issues: [{ path: 'partners.targetObject', message: 'Attio has no object "planets". Choose one from the list.' }],
    });
  });

  it('refuses an attribute mapped twice and an empty row, with schema messages', () => {
    const result = validateSettings(
      settings((draft) => {
        draft.partners.fieldMappings.push({ partneroField: 'name', attioAttribute: 'email_addresses' });
        draft.deals.fieldMappings.push({ partneroField: 'amount', attioAttribute: '' });
      }),
    );
    expect(result).toEqual({
      ok: false,
      issues: [
        { path: 'partners.fieldMappings.2.attioAttribute', message: 'Email_addresses is mapped twice' },
        { path: 'deals.fieldMappings.0.attioAttribute', message: 'Choose an Attio attribute' },
      ],
    });
  });

  it('reports every problem of one Save: an empty row does not hide the rules of the other fields', () => {
    const result = validateSettings(
      settings((draft) => {
        draft.partners.fieldMappings.push({ partneroField: 'approved', attioAttribute: '' });
        draft.partners.fieldMappings.push({ partneroField: 'approved', attioAttribute: 'phone_numbers' });
        draft.deals.wonStageId = null;
        draft.deals.ownerWorkspaceMemberId = 'member-gone';
      }),
      catalog,
    );
    expect(!result.ok && result.issues.map((issue) => issue.path)).toEqual([
      'partners.fieldMappings.2.attioAttribute',
      'partners.fieldMappings.3.attioAttribute',
      'deals.wonStageId',
      'deals.ownerWorkspaceMemberId',
    ]);
    expect(!result.ok && result.issues[0]?.message).toBe('Choose an Attio attribute');
  });

  it('says one thing per field: a field whose shape failed gets no rule message on top', () => {
    const result = validateSettings(
      settings((draft) => {
        draft.partners.targetObject = 'Not A Slug';
        draft.deals.wonStageId = '';
      }),
      catalog,
    );
    expect(!result.ok && result.issues.map((issue) => issue.path)).toEqual([
      'partners.targetObject',
      'deals.wonStageId',
    ]);
  });

  it('needs a won stage only while deals sync', () => {
    expect(
      validateSettings(
        settings((draft) => (draft.deals.wonStageId = null)),
        catalog,
      ).ok,
    ).toBe(false);
    expect(
      validateSettings(
        settings((draft) => {
          draft.deals.wonStageId = null;
          draft.deals.enabled = false;
        }),
        catalog,
      ).ok,
    ).toBe(true);
  });

  it('checks only the shape when Attio’s lists are not known', () => {
    expect(validateSettings(settings((draft) => (draft.partners.targetObject = 'planets'))).ok).toBe(true);
    expect(validateSettings({ partners: {} })).toMatchObject({ ok: false });
  });
});
