import { DEAL_OBJECT, PEOPLE_OBJECT } from '../../../shared/attio/object-slugs';
import type { ProgramSettings } from '../../../shared/programs/program-settings';
import {
  attioTypeLabel,
  proposeMappings,
  referringPartnerAttributeTypes,
  type AttioAttributeSummary,
} from '../../../shared/settings/mapping-compatibility';
import type {
  AttioObjectSummary,
  DealStageSummary,
  SettingsCatalog,
  WorkspaceMemberSummary,
} from '../../../shared/settings/settings-validation';
import { h, option, replaceContent } from './dom';
import { mappingTable } from './mapping-table';
import { partnerFiguresSection } from './partner-figures';
import { previewSection } from './preview-panel';
import type { ApiClient } from './settings-api-client';

/** Attio's live lists as the page has loaded them so far. */
export interface LoadedCatalog {
  objects: AttioObjectSummary[];
  attributes: Record<string, AttioAttributeSummary[] | undefined>;
  dealStages: DealStageSummary[];
  dealsAvailable: boolean;
  members: WorkspaceMemberSummary[];
}

export function asSettingsCatalog(catalog: LoadedCatalog): SettingsCatalog {
  return {
    objects: catalog.objects,
    attributes: catalog.attributes,
    dealStages: catalog.dealsAvailable ? catalog.dealStages : undefined,
    members: catalog.members,
  };
}

export async function loadCatalog(api: ApiClient, settings: ProgramSettings): Promise<LoadedCatalog> {
  const [objects, stages, members] = await Promise.all([
    api.get<{ objects: AttioObjectSummary[] }>('/attio/objects'),
    api.get<{ available: boolean; stages: DealStageSummary[] }>('/attio/deal-stages'),
    api.get<{ members: WorkspaceMemberSummary[] }>('/attio/members'),
  ]);
  const catalog: LoadedCatalog = {
    objects: objects.objects,
    attributes: {},
    dealStages: stages.stages,
    dealsAvailable: stages.available,
    members: members.members,
  };
  await Promise.all(
    [settings.partners.targetObject, PEOPLE_OBJECT, DEAL_OBJECT].map((object) => loadAttributes(api, catalog, object)),
  );
  return catalog;
}

export async function loadAttributes(api: ApiClient, catalog: LoadedCatalog, object: string): Promise<void> {
  if (catalog.attributes[object]) return;
  try {
    catalog.attributes[object] = (
      await api.get<{ attributes: AttioAttributeSummary[] }>(`/attio/attributes?object=${encodeURIComponent(object)}`)
    ).attributes;
  } catch {
    catalog.attributes[object] = undefined;
  }
}

export interface FormContext {
  readonly settings: ProgramSettings;
  readonly catalog: LoadedCatalog;
  readonly api: ApiClient;
  /** Something changed: mark the form dirty. */
  readonly changed: () => void;
  /** Draw a tab again (rows added or removed, another object chosen). */
  readonly redraw: (tab: 'partners' | 'customers' | 'deals') => void;
}

function switchField(
  path: string,
  label: string,
  hint: string,
  checked: boolean,
  onToggle: (checked: boolean) => void,
): HTMLElement {
  const id = `switch-${path.replace(/\./g, '-')}`;
  const input = h('input', {
    id,
    className: 'switch-input',
    attrs: { type: 'checkbox', role: 'switch', 'aria-describedby': `${id}-hint` },
    dataset: { path },
  });
  input.checked = checked;
  input.addEventListener('change', () => onToggle(input.checked));
  return h(
    'div',
    { className: 'switch-field' },
    h(
      'label',
      { className: 'switch', attrs: { for: id } },
      input,
      h(
        'span',
        { className: 'switch-track', attrs: { 'aria-hidden': 'true' } },
        h('span', { className: 'switch-thumb' }),
      ),
      h('span', { className: 'switch-label', text: label }),
    ),
    h('p', { className: 'hint', id: `${id}-hint`, text: hint }),
  );
}

/**
 * The backfill a (re)connect starts, chosen per kind beside that kind's own settings. A plain
 * checkbox, not a switch: it changes nothing now, only what the next connect does.
 */
function onConnectField(
  context: FormContext,
  kind: keyof ProgramSettings['backfill']['onConnect'],
  label: string,
  hint: string,
): HTMLElement {
  const path = `backfill.onConnect.${kind}`;
  const id = `field-${path.replace(/\./g, '-')}`;
  const input = h('input', { id, attrs: { type: 'checkbox', 'aria-describedby': `${id}-hint` }, dataset: { path } });
  input.checked = context.settings.backfill.onConnect[kind];
  input.addEventListener('change', () => {
    context.settings.backfill.onConnect[kind] = input.checked;
    context.changed();
  });
  return h(
    'fieldset',
    { className: 'field on-connect' },
    h('legend', { className: 'label', text: 'When connecting Attio' }),
    h('label', { className: 'checkbox', attrs: { for: id } }, input, ` ${label}`),
    h('p', { className: 'hint', id: `${id}-hint`, text: hint }),
  );
}

function selectField(path: string, label: string, hint: string | undefined, select: HTMLSelectElement): HTMLElement {
  const id = `field-${path.replace(/\./g, '-')}`;
  select.id = id;
  select.className = 'select';
  select.dataset.path = path;
  if (hint) select.setAttribute('aria-describedby', `${id}-hint`);
  return h(
    'div',
    { className: 'field' },
    h('label', { className: 'label', attrs: { for: id }, text: label }),
    select,
    hint ? h('p', { className: 'hint', id: `${id}-hint`, text: hint }) : null,
  );
}

function section(title: string, description: string, ...children: (HTMLElement | null)[]): HTMLElement {
  return h(
    'section',
    { className: 'card form-card' },
    h('div', { className: 'card-head' }, h('h3', { text: title }), h('p', { className: 'muted', text: description })),
    ...children,
  );
}

function unavailable(message: string): HTMLElement {
  return h('div', { className: 'notice notice--warn', attrs: { role: 'note' } }, message);
}

/** What the last change of the partners' object did to the mapping, shown once above it. */
let mappingNotes: string[] = [];

export function renderPartners(panel: HTMLElement, context: FormContext): void {
  const { settings, catalog } = context;
  const partners = settings.partners;
  const objectSelect = h('select');
  for (const object of catalog.objects)
    objectSelect.append(option(object.slug, object.plural, object.slug === partners.targetObject));
  if (!catalog.objects.some((object) => object.slug === partners.targetObject))
    objectSelect.prepend(option(partners.targetObject, `${partners.targetObject} (not in Attio)`, true));
  objectSelect.addEventListener('change', async () => {
    partners.targetObject = objectSelect.value;
    context.changed();
    objectSelect.disabled = true;
    await loadAttributes(context.api, catalog, partners.targetObject);
    // Propose the matching attributes of the new object now, not "(not available)" rows at Save.
    const newAttributes = catalog.attributes[partners.targetObject];
    const newLabel =
      catalog.objects.find((object) => object.slug === partners.targetObject)?.plural ?? partners.targetObject;
    mappingNotes = [];
    if (newAttributes) {
      const proposal = proposeMappings('partner', partners.fieldMappings, newAttributes, newLabel);
      partners.fieldMappings.splice(0, partners.fieldMappings.length, ...proposal.rows);
      mappingNotes = proposal.notes;
    }
    context.redraw('partners');
  });
  const attributes = catalog.attributes[partners.targetObject];
  const objectLabel =
    catalog.objects.find((object) => object.slug === partners.targetObject)?.plural ?? partners.targetObject;
  const notes = mappingNotes;
  mappingNotes = [];
  replaceContent(
    panel,
    section(
      'Partners',
      'Every Partnero partner becomes a record in Attio, found again by its Partnero ID.',
      switchField(
        'partners.enabled',
        'Sync partners to Attio',
        'Partners created or updated in Partnero are written to Attio right away.',
        partners.enabled,
        (checked) => {
          partners.enabled = checked;
          context.changed();
        },
      ),
      selectField(
        'partners.targetObject',
        'Attio object for partners',
        'People, Companies or any custom object of your workspace.',
        objectSelect,
      ),
      onConnectField(
        context,
        'partners',
        'Sync existing partners',
        'Partners already in Partnero are copied to Attio when your first Save starts the sync. The Status tab can start this at any time.',
      ),
    ),
    section(
      'Field mapping',
      `Which Partnero partner fields fill which ${objectLabel} attributes. Optional.`,
      notes.length > 0
        ? h(
            'div',
            { className: 'notice notice--info', id: 'mapping-proposal', attrs: { role: 'status' } },
            h('p', { text: `Proposed for ${objectLabel}; check and Save:` }),
            h('ul', {}, ...notes.map((note) => h('li', { text: note }))),
          )
        : null,
      attributes
        ? mappingTable({
            tab: 'partners',
            kind: 'partner',
            rows: partners.fieldMappings,
            attributes,
            objectLabel,
            onChange: context.changed,
            onRowsChanged: () => context.redraw('partners'),
          })
        : unavailable(`The attributes of ${objectLabel} could not be loaded from Attio.`),
    ),
    partnerFiguresSection(settings, context.changed),
    previewSection('partners', settings, context.api),
  );
}

export function renderCustomers(panel: HTMLElement, context: FormContext): void {
  const { settings, catalog } = context;
  const customers = settings.customers;
  const people = catalog.attributes[PEOPLE_OBJECT];
  const referring = h('select');
  referring.append(
    option('', 'None: only update people who are already customers', customers.referringPartnerAttribute === null),
  );
  for (const attribute of (people ?? []).filter(
    (candidate) => referringPartnerAttributeTypes.includes(candidate.type) && candidate.isWritable,
  )) {
    referring.append(
      option(
        attribute.slug,
        `${attribute.title} · ${attioTypeLabel(attribute.type)}`,
        attribute.slug === customers.referringPartnerAttribute,
      ),
    );
  }
  referring.addEventListener('change', () => {
    customers.referringPartnerAttribute = referring.value === '' ? null : referring.value;
    context.changed();
  });
  replaceContent(
    panel,
    section(
      'Customers',
      'Partnero customers and Attio people, kept in step both ways and matched by email.',
      switchField(
        'customers.enabled',
        'Sync customers',
        'Customers go to Attio as People; edits to those people in Attio update the customer in Partnero.',
        customers.enabled,
        (checked) => {
          customers.enabled = checked;
          context.changed();
        },
      ),
      people
        ? selectField(
            'customers.referringPartnerAttribute',
            'Referring partner attribute',
            'A person unknown to Partnero becomes a customer only when this attribute names the ' +
              'partner who referred them (a linked record, an email or a referral key).',
            referring,
          )
        : null,
      onConnectField(
        context,
        'customers',
        'Sync existing customers',
        'Customers already in Partnero are copied to Attio People when your first Save starts the sync.',
      ),
    ),
    section(
      'Field mapping',
      'Which customer fields fill which People attributes. Optional.',
      people
        ? mappingTable({
            tab: 'customers',
            kind: 'customer',
            rows: customers.fieldMappings,
            attributes: people,
            objectLabel: 'People',
            onChange: context.changed,
            onRowsChanged: () => context.redraw('customers'),
          })
        : unavailable('The People attributes could not be loaded from Attio.'),
    ),
    previewSection('customers', context.settings, context.api),
  );
}

export function renderDeals(panel: HTMLElement, context: FormContext): void {
  const { settings, catalog } = context;
  const deals = settings.deals;
  const attributes = catalog.attributes[DEAL_OBJECT];

  const won = h('select');
  won.append(option('', 'Choose a stage…', deals.wonStageId === null));
  for (const stage of catalog.dealStages) won.append(option(stage.id, stage.title, stage.id === deals.wonStageId));
  won.addEventListener('change', () => {
    deals.wonStageId = won.value === '' ? null : won.value;
    context.changed();
  });
  const newStage = h('select');
  newStage.append(option('', 'Same as the won stage', deals.newDealStageId === null));
  for (const stage of catalog.dealStages)
    newStage.append(option(stage.id, stage.title, stage.id === deals.newDealStageId));
  newStage.addEventListener('change', () => {
    deals.newDealStageId = newStage.value === '' ? null : newStage.value;
    context.changed();
  });
  const owner = h('select');
  owner.append(option('', 'The member who connected Attio', deals.ownerWorkspaceMemberId === null));
  for (const member of catalog.members)
    owner.append(
      option(
        member.id,
        member.email ? `${member.name} (${member.email})` : member.name,
        member.id === deals.ownerWorkspaceMemberId,
      ),
    );
  owner.addEventListener('change', () => {
    deals.ownerWorkspaceMemberId = owner.value === '' ? null : owner.value;
    context.changed();
  });

  replaceContent(
    panel,
    section(
      'Deals',
      'Partnero sales become Attio deals; a deal reaching the won stage pays the partner’s commission in Partnero, exactly once.',
      catalog.dealsAvailable
        ? null
        : unavailable(
            'Deals are turned off in your Attio workspace. Turn deal sync off here, or ask an Attio ' +
              'admin to enable them (Workspace settings > Objects > Deals > Enable), then reload this ' +
              'page.',
          ),
      switchField('deals.enabled', 'Sync deals', 'Sales and won deals flow both ways.', deals.enabled, (checked) => {
        deals.enabled = checked;
        context.changed();
      }),
      h(
        'div',
        { className: 'field-grid' },
        selectField('deals.wonStageId', 'Won stage', 'Reaching this stage creates the Partnero transaction.', won),
        selectField(
          'deals.newDealStageId',
          'Stage of new deals',
          'Given to deals created from Partnero sales.',
          newStage,
        ),
        selectField('deals.ownerWorkspaceMemberId', 'Deal owner', 'Attio requires an owner on every deal.', owner),
      ),
      switchField(
        'deals.reverseCommissionWhenUnwon',
        'Reverse the commission when a won deal is lost or deleted',
        'The Partnero transaction is archived, which takes the partner’s commission back; winning the deal again restores it.',
        deals.reverseCommissionWhenUnwon,
        (checked) => {
          deals.reverseCommissionWhenUnwon = checked;
          context.changed();
        },
      ),
      h('p', {
        className: 'hint',
        dataset: { testid: 'deal-commission-note' },
        text:
          'Each deal whose sale reached Partnero shows what it paid: the commission amount and ' +
          'currency, the partner credited, the Partnero transaction key and the commission’s status, ' +
          'kept in step with Partnero (archived, restored or reversed on a refund).',
      }),
      onConnectField(
        context,
        'transactions',
        'Sync existing sales as deals',
        'Every past Partnero sale becomes an Attio deal when your first Save starts the sync; years of sales make many deals.',
      ),
    ),
    section(
      'Field mapping',
      'Which sale fields fill which deal attributes, besides name, value, stage and owner. Optional.',
      attributes
        ? mappingTable({
            tab: 'deals',
            kind: 'transaction',
            rows: deals.fieldMappings,
            attributes,
            objectLabel: 'Deals',
            onChange: context.changed,
            onRowsChanged: () => context.redraw('deals'),
          })
        : unavailable('The Deals attributes could not be loaded from Attio.'),
    ),
    previewSection('deals', context.settings, context.api),
  );
}
