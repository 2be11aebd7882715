import type * as z from 'zod';
import {
  customerSettingsSchema,
  dealSettingsSchema,
  fieldMappingSchema,
  partnerSettingsSchema,
  programSettingsSchema,
  type FieldMapping,
  type ProgramSettings,
} from '../programs/program-settings';
import { DEAL_OBJECT, PEOPLE_OBJECT } from '../attio/object-slugs';
import {
  attioTypeLabel,
  checkMapping,
  referringPartnerAttributeTypes,
  type AttioAttributeSummary,
  type PartneroRecordKind,
} from './mapping-compatibility';

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

export type SettingsValidation =
  { readonly ok: true; readonly settings: ProgramSettings } | { readonly ok: false; readonly issues: SettingsIssue[] };

/**
 * Every problem of one Save at once: the shape issues of the schema, and the Attio rules for
 * every field whose own shape is fine (an empty mapping row does not hide that another row
 * maps a commission onto the deal value). One message per field: where the shape already
 * failed, the rules say nothing more.
 */
export function validateSettings(input: unknown, catalog: SettingsCatalog = {}): SettingsValidation {
  const parsed = programSettingsSchema.safeParse(input);
  const issues: SettingsIssue[] = parsed.success
    ? []
    : parsed.error.issues.map((issue) => ({
        path: issue.path.map(String).join('.'),
        message: capitalise(issue.message),
      }));
  const shapePaths = new Set(issues.map((issue) => issue.path));
  for (const issue of ruleIssues(ruleInputOf(parsed.success ? parsed.data : input), catalog)) {
    if (!shapePaths.has(issue.path)) issues.push(issue);
  }
  return parsed.success && issues.length === 0 ? { ok: true, settings: parsed.data } : { ok: false, issues };
}

type Tab = 'partners' | 'customers' | 'deals';

/** What the rules read, taken field by field: a field whose shape is wrong is left out (undefined). */
interface RuleInput {
  readonly partnersTargetObject?: string;
  readonly rows: Readonly<Record<Tab, readonly (FieldMapping | undefined)[]>>;
  readonly referringPartnerAttribute?: string | null;
  readonly dealsEnabled?: boolean;
  readonly wonStageId?: string | null;
  readonly newDealStageId?: string | null;
  readonly ownerWorkspaceMemberId?: string | null;
}

function ruleInputOf(input: unknown): RuleInput {
  const section = (tab: Tab): Record<string, unknown> => {
    const value = isRecord(input) ? input[tab] : undefined;
    return isRecord(value) ? value : {};
  };
  const [partners, customers, deals] = [section('partners'), section('customers'), section('deals')];
  const rowsOf = (raw: Record<string, unknown>) =>
    Array.isArray(raw.fieldMappings) ? raw.fieldMappings.map((row) => fieldOf(fieldMappingSchema, row)) : [];
  return {
    partnersTargetObject: fieldOf(partnerSettingsSchema.shape.targetObject, partners.targetObject),
    rows: { partners: rowsOf(partners), customers: rowsOf(customers), deals: rowsOf(deals) },
    referringPartnerAttribute: fieldOf(
      customerSettingsSchema.shape.referringPartnerAttribute,
      customers.referringPartnerAttribute,
    ),
    dealsEnabled: fieldOf(dealSettingsSchema.shape.enabled, deals.enabled),
    wonStageId: fieldOf(dealSettingsSchema.shape.wonStageId, deals.wonStageId),
    newDealStageId: fieldOf(dealSettingsSchema.shape.newDealStageId, deals.newDealStageId),
    ownerWorkspaceMemberId: fieldOf(dealSettingsSchema.shape.ownerWorkspaceMemberId, deals.ownerWorkspaceMemberId),
  };
}

function fieldOf<T>(schema: z.ZodType<T>, value: unknown): T | undefined {
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The rules that need Attio's live lists (and the won stage that deals need). */
function ruleIssues(settings: RuleInput, catalog: SettingsCatalog): SettingsIssue[] {
  const issues: SettingsIssue[] = [];
  const objects = catalog.objects;
  const targetObject = settings.partnersTargetObject;
  if (objects && targetObject !== undefined && !objects.some((object) => object.slug === targetObject)) {
    issues.push({
      path: 'partners.targetObject',
      message: `Attio has no object "${targetObject}". Choose one from the list.`,
    });
  }
  // Unknown object: its attributes are unknown too, so its rows are not checked.
  checkRows(
    issues,
    'partners',
    'partner',
    settings.rows.partners,
    targetObject === undefined ? undefined : catalog.attributes?.[targetObject],
  );
  checkRows(issues, 'customers', 'customer', settings.rows.customers, catalog.attributes?.[PEOPLE_OBJECT]);
  checkRows(issues, 'deals', 'transaction', settings.rows.deals, catalog.attributes?.[DEAL_OBJECT]);

  const referring = settings.referringPartnerAttribute;
  const people = catalog.attributes?.[PEOPLE_OBJECT];
  if (referring !== null && referring !== undefined && people) {
    const attribute = people.find((candidate) => candidate.slug === referring);
    if (!attribute)
      issues.push({
        path: 'customers.referringPartnerAttribute',
        message: `People have no attribute "${referring}" any more. Choose another one.`,
      });
    else if (!referringPartnerAttributeTypes.includes(attribute.type)) {
      issues.push({
        path: 'customers.referringPartnerAttribute',
        message:
          `"${attribute.title}" is a ${attioTypeLabel(attribute.type)} attribute; the referring ` +
          `partner must be a record reference, text, select or email address.`,
      });
    }
  }

  if (settings.dealsEnabled === true && settings.wonStageId === null) {
    issues.push({
      path: 'deals.wonStageId',
      message: 'Choose the deal stage that means "won": reaching it pays the partner’s commission.',
    });
  }
  const stages = catalog.dealStages;
  if (stages) {
    for (const key of ['wonStageId', 'newDealStageId'] as const) {
      const stageId = settings[key];
      if (stageId !== null && stageId !== undefined && !stages.some((stage) => stage.id === stageId)) {
        issues.push({ path: `deals.${key}`, message: 'That stage no longer exists in Attio. Choose another one.' });
      }
    }
  }
  const owner = settings.ownerWorkspaceMemberId;
  if (
    catalog.members &&
    owner !== null &&
    owner !== undefined &&
    !catalog.members.some((member) => member.id === owner)
  ) {
    issues.push({
      path: 'deals.ownerWorkspaceMemberId',
      message: 'That workspace member is no longer in Attio. Choose another owner.',
    });
  }
  return issues;
}

function checkRows(
  issues: SettingsIssue[],
  tab: Tab,
  kind: PartneroRecordKind,
  rows: readonly (FieldMapping | undefined)[],
  attributes: readonly AttioAttributeSummary[] | undefined,
): void {
  if (!attributes) return;
  rows.forEach((row, index) => {
    if (!row) return; // its shape issue says what is missing
    const attribute = attributes.find((candidate) => candidate.slug === row.attioAttribute);
    const check = checkMapping(kind, row.partneroField, row.attioAttribute, attribute);
    if (!check.ok) issues.push({ path: `${tab}.fieldMappings.${index}.attioAttribute`, message: check.message });
  });
}

function capitalise(message: string): string {
  return message.length > 0 ? `${message[0]?.toUpperCase() ?? ''}${message.slice(1)}` : message;
}
