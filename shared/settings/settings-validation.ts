import { programSettingsSchema, type FieldMapping, type ProgramSettings } from '../programs/program-settings';
import { DEAL_OBJECT, PEOPLE_OBJECT } from '../attio/object-slugs';
import { attioTypeLabel, checkMapping, referringPartnerAttributeTypes, type AttioAttributeSummary, type PartneroRecordKind } from './mapping-compatibility';

/**
 * Validation of a program's settings on Save, the same in the browser and on the server: the
 * zod schema the workers read with, then the rules that need Attio's live lists (does the
 * object exist, may this field go into that attribute, is the won stage one of the deal's
 * stages). Issues carry a dotted path to the form field they belong to, e.g.
 * `deals.fieldMappings.1.attioAttribute`, so the page can show each message beside its field.
 */
export interface SettingsIssue {
  readonly path: string;
  readonly message: string;
}

export interface AttioObjectSummary {
  readonly slug: string;
  readonly singular: string;
  readonly plural: string;
}

export interface DealStageSummary {
  readonly id: string;
  readonly title: string;
}

export interface WorkspaceMemberSummary {
  readonly id: string;
  readonly name: string;
  readonly email: string | null;
}

/** What Attio holds, as far as the settings need it. A missing list is not checked. */
export interface SettingsCatalog {
  readonly objects?: readonly AttioObjectSummary[];
  /** Attributes per object slug. */
  readonly attributes?: Readonly<Record<string, readonly AttioAttributeSummary[] | undefined>>;
  readonly dealStages?: readonly DealStageSummary[];
  readonly members?: readonly WorkspaceMemberSummary[];
}

export type SettingsValidation = { readonly ok: true; readonly settings: ProgramSettings } | { readonly ok: false; readonly issues: SettingsIssue[] };

export function validateSettings(input: unknown, catalog: SettingsCatalog = {}): SettingsValidation {
  const parsed = programSettingsSchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, issues: parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: capitalise(issue.message) })) };
  }
  const settings = parsed.data;
  const issues: SettingsIssue[] = [];

  const objects = catalog.objects;
  if (objects && !objects.some((object) => object.slug === settings.partners.targetObject)) {
    issues.push({ path: 'partners.targetObject', message: `Attio has no object "${settings.partners.targetObject}". Choose one from the list.` });
  }
  checkRows(issues, 'partners', 'partner', settings.partners.fieldMappings, catalog.attributes?.[settings.partners.targetObject]);
  checkRows(issues, 'customers', 'customer', settings.customers.fieldMappings, catalog.attributes?.[PEOPLE_OBJECT]);
  checkRows(issues, 'deals', 'transaction', settings.deals.fieldMappings, catalog.attributes?.[DEAL_OBJECT]);

  const referring = settings.customers.referringPartnerAttribute;
  const people = catalog.attributes?.[PEOPLE_OBJECT];
  if (referring !== null && people) {
    const attribute = people.find((candidate) => candidate.slug === referring);
    if (!attribute) issues.push({ path: 'customers.referringPartnerAttribute', message: `People have no attribute "${referring}" any more. Choose another one.` });
    else if (!referringPartnerAttributeTypes.includes(attribute.type)) {
      issues.push({
        path: 'customers.referringPartnerAttribute',
        message: `"${attribute.title}" is a ${attioTypeLabel(attribute.type)} attribute; the referring partner must be a record reference, text, select or email address.`,
      });
    }
  }

  if (settings.deals.enabled && settings.deals.wonStageId === null) {
    issues.push({ path: 'deals.wonStageId', message: 'Choose the deal stage that means "won": reaching it pays the partner’s commission.' });
  }
  const stages = catalog.dealStages;
  if (stages) {
    for (const key of ['wonStageId', 'newDealStageId'] as const) {
      const stageId = settings.deals[key];
      if (stageId !== null && !stages.some((stage) => stage.id === stageId)) {
        issues.push({ path: `deals.${key}`, message: 'That stage no longer exists in Attio. Choose another one.' });
      }
    }
  }
  const owner = settings.deals.ownerWorkspaceMemberId;
  if (catalog.members && owner !== null && !catalog.members.some((member) => member.id === owner)) {
    issues.push({ path: 'deals.ownerWorkspaceMemberId', message: 'That workspace member is no longer in Attio. Choose another owner.' });
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, settings };
}

function checkRows(
  issues: SettingsIssue[],
  tab: 'partners' | 'customers' | 'deals',
  kind: PartneroRecordKind,
  rows: readonly FieldMapping[],
  attributes: readonly AttioAttributeSummary[] | undefined,
): void {
  if (!attributes) return;
  rows.forEach((row, index) => {
    const attribute = attributes.find((candidate) => candidate.slug === row.attioAttribute);
    const check = checkMapping(kind, row.partneroField, row.attioAttribute, attribute);
    if (!check.ok) issues.push({ path: `${tab}.fieldMappings.${index}.attioAttribute`, message: check.message });
  });
}

function capitalise(message: string): string {
  return message.length > 0 ? `${message[0]?.toUpperCase() ?? ''}${message.slice(1)}` : message;
}
