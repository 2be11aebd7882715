import type { AttioClient } from '../attio/attio-client';
import type { AttioAttribute, AttioObject, AttioWorkspaceMember } from '../attio/schemas';
import { ProviderHttpError } from '../errors';
import { COMPANY_OBJECT, DEAL_OBJECT, PEOPLE_OBJECT } from '../attio/object-slugs';
import type { ProgramSettings } from '../programs/program-settings';
import type { AttioAttributeSummary } from './mapping-compatibility';
import type {
  AttioObjectSummary,
  DealStageSummary,
  SettingsCatalog,
  WorkspaceMemberSummary,
} from './settings-validation';

/**
 * Attio's live lists in the shape the settings page and the validation use. Read on demand:
 * the page shows what the workspace holds now, not what it held when the program connected.
 */

/** Standard objects that are not a sensible home for partners. */
const notPartnerTargets = new Set([DEAL_OBJECT, 'users', 'workspaces']);
const preferredOrder = [PEOPLE_OBJECT, COMPANY_OBJECT];

export async function partnerTargetObjects(attio: AttioClient): Promise<AttioObjectSummary[]> {
  const objects = await attio.objects.list();
  return objects
    .filter(
      (object): object is AttioObject & { api_slug: string } =>
        object.api_slug !== null && !notPartnerTargets.has(object.api_slug),
    )
    .map(toObjectSummary)
    .sort((a, b) => rank(a.slug) - rank(b.slug) || a.plural.localeCompare(b.plural));
}

/** The object's attributes (archived ones left out), or undefined when the workspace lacks the object. */
export async function objectAttributes(
  attio: AttioClient,
  object: string,
): Promise<AttioAttributeSummary[] | undefined> {
  try {
    const attributes = await attio.attributes.list(object);
    return attributes.filter((attribute) => attribute.is_archived !== true).map(toAttributeSummary);
  } catch (error) {
    if (error instanceof ProviderHttpError && error.status === 404) return undefined;
    throw error;
  }
}

/** The statuses of `deals.stage` in Attio's order, or undefined when Deals is not activated. */
export async function dealStages(attio: AttioClient): Promise<DealStageSummary[] | undefined> {
  try {
    const statuses = await attio.attributes.statuses(DEAL_OBJECT, 'stage');
    return statuses
      .filter((status) => status.is_archived !== true)
      .map((status) => ({ id: status.id.status_id, title: status.title }));
  } catch (error) {
    if (error instanceof ProviderHttpError && error.status === 404) return undefined;
    throw error;
  }
}

export async function workspaceMembers(attio: AttioClient): Promise<WorkspaceMemberSummary[]> {
  const members = await attio.workspaceMembers();
  return members.filter((member) => member.access_level !== 'suspended').map(toMemberSummary);
}

/** Everything a Save is validated against, for the objects the settings name. */
export async function catalogFor(attio: AttioClient, settings: ProgramSettings): Promise<SettingsCatalog> {
  const target = settings.partners.targetObject;
  const [objects, targetAttributes, people, deals, stages, members] = await Promise.all([
    partnerTargetObjects(attio),
    objectAttributes(attio, target),
    target === PEOPLE_OBJECT ? undefined : objectAttributes(attio, PEOPLE_OBJECT),
    objectAttributes(attio, DEAL_OBJECT),
    dealStages(attio),
    workspaceMembers(attio),
  ]);
  const attributes: Record<string, readonly AttioAttributeSummary[] | undefined> = {
    [target]: targetAttributes,
    [PEOPLE_OBJECT]: target === PEOPLE_OBJECT ? targetAttributes : people,
    [DEAL_OBJECT]: deals,
  };
  return { objects, attributes, dealStages: stages, members };
}

/**
 * Attio's attribute as the settings see it. A missing `is_writable` counts as writable: the
 * document says only system attributes can be read-only, and then it says so.
 */
export function toAttributeSummary(attribute: AttioAttribute): AttioAttributeSummary {
  return {
    slug: attribute.api_slug,
    title: attribute.title,
    type: attribute.type,
    isMultiselect: attribute.is_multiselect === true,
    isWritable: attribute.is_writable !== false,
    isSystem: attribute.is_system_attribute === true,
    isUnique: attribute.is_unique === true,
  };
}

function toObjectSummary(object: AttioObject & { api_slug: string }): AttioObjectSummary {
  return {
    slug: object.api_slug,
    singular: object.singular_noun ?? object.api_slug,
    plural: object.plural_noun ?? object.api_slug,
  };
}

function toMemberSummary(member: AttioWorkspaceMember): WorkspaceMemberSummary {
  const name = [member.first_name, member.last_name].filter(Boolean).join(' ').trim();
  return {
    id: member.id.workspace_member_id,
    name: name || member.email_address || member.id.workspace_member_id,
    email: member.email_address ?? null,
  };
}

function rank(slug: string): number {
  const index = preferredOrder.indexOf(slug);
  return index === -1 ? preferredOrder.length : index;
}
