import * as z from 'zod';
import type { AttioClient } from '../attio/attio-client';
import type { PartneroPageReader } from '../backfill/partnero-pages';
import { PermanentError } from '../errors';
import type { PartneroClient } from '../partnero/partnero-client';
import type { PartneroCustomer, PartneroPartner, PartneroTransaction } from '../partnero/resource-schemas';
import { attioRecordsOf } from '../attio/attio-records';
import type { AttioObjectSchema } from '../attio/attio-schema';
import { objectSchemaOf } from '../attio/attio-schema';
import { convertForAttio } from '../attio/attio-value-writer';
import { DEAL_OBJECT, PEOPLE_OBJECT } from '../attio/object-slugs';
import { customerStatusLabel, customerValues } from '../partnero-to-attio/customer-record';
import { dealValues } from '../partnero-to-attio/deal-record';
import { newDealStage } from '../partnero-to-attio/deal-stages';
import { partnerStatusLabel, partnerValues } from '../partnero-to-attio/partner-record';
import type { PlannedValue } from '../partnero-to-attio/record-plan';
import { dealAttributeSlugs } from '../attio/sync-attribute-slugs';
import type { StatusChoice } from '../attio/sync-values';
import { programSettingsSchema, type ProgramSettings } from '../programs/program-settings';
import type { LinkRepository } from '../sync/link-repository';
import { previewCustomerToPartnero, type PartneroSidePreview } from './customer-preview';

/**
 * The preview on each settings tab: what the current, unsaved mapping would write to Attio for a
 * real sample record of the program's Partnero data, value by value with the attribute it lands
 * in, and what would be refused and why. It runs the sync's own planning (the same value
 * builders and the same write-form conversion as the worker) and calls only read endpoints: one
 * page of one record from Partnero, the target object's attributes from Attio. On the Customers
 * tab it also shows the other direction, Attio -> Partnero, for a real Attio person
 * (customer-preview.ts). Nothing is written to either side.
 */
export const previewTabs = ['partners', 'customers', 'deals'] as const;
export type PreviewTab = (typeof previewTabs)[number];

export const previewRequestSchema = z.object({ tab: z.enum(previewTabs), settings: programSettingsSchema }).strict();

export interface PreviewValue {
  readonly attribute: string;
  /** The attribute's Attio type, when the workspace has it. */
  readonly type: string | null;
  /** What would be sent, in Attio's write form (JSON text); null when nothing is. */
  readonly write: string | null;
  readonly outcome: 'write' | 'empty' | 'refused';
  readonly reason: string | null;
}

export interface MappingPreview {
  readonly tab: PreviewTab;
  readonly object: string;
  /** The Partnero record the preview was made from; null when the program has none yet. */
  readonly sample: { readonly kind: 'partner' | 'customer' | 'transaction'; readonly id: string } | null;
  readonly values: PreviewValue[];
  readonly notes: string[];
  /** Customers tab only: what the mapping would write to Partnero for a real Attio person; null on the other tabs. */
  readonly partnero: PartneroSidePreview | null;
}

export interface PreviewSources {
  readonly programId: string;
  readonly attio: AttioClient;
  readonly partnero: PartneroClient;
  readonly pages: PartneroPageReader;
  /** Who owns created deals when the settings name nobody: the member who connected Attio. */
  readonly connectingMemberId: string | null;
  /** The Customers direction finds a person's customer through its link, as the worker does. */
  readonly links: Pick<LinkRepository, 'linksOfAttioRecord' | 'findByAttioRecordId'>;
}

export async function previewMapping(
  sources: PreviewSources,
  tab: PreviewTab,
  settings: ProgramSettings,
): Promise<MappingPreview> {
  const reader = attioRecordsOf(sources.attio);
  const object =
    tab === 'partners' ? settings.partners.targetObject : tab === 'customers' ? PEOPLE_OBJECT : DEAL_OBJECT;
  const kind = tab === 'partners' ? 'partner' : tab === 'customers' ? 'customer' : 'transaction';
  const [schema, page, partnero] = await Promise.all([
    reader.listAttributes(object).then(objectSchemaOf),
    sources.pages.page(kind, 1, 1),
    tab === 'customers' ? previewCustomerToPartnero(sources, settings.customers) : Promise.resolve(null),
  ]);
  const listed = page.records[0];
  if (!listed)
    return {
      tab,
      object,
      sample: null,
      values: [],
      notes: [
        `The program has no ${kind === 'transaction' ? 'sale' : kind} in Partnero yet, so there is nothing to preview.`,
      ],
      partnero,
    };
  const notes: string[] = [];
  /** Values the worker would refuse before converting them (no stage, no owner): the whole deal would not be written. */
  const refusals = new Map<string, string>();
  let planned: PlannedValue[];
  switch (listed.kind) {
    case 'partner': {
      // The list leaves out the partner's figures; `GET /partners/{id}` has them, as the worker reads it.
      const partner: PartneroPartner =
        (await sources.partnero.partners.find({ id: listed.record.id })) ?? listed.record;
      planned = partnerValues(partner, partnerStatusLabel(partner, 'partner.updated'), settings.partners);
      if (!settings.partners.enabled) notes.push('Partner sync is off: nothing is written until it is switched on.');
      break;
    }
    case 'customer': {
      const customer: PartneroCustomer = listed.record;
      planned = customerValues(customer, customerStatusLabel(customer), settings.customers);
      if (!settings.customers.enabled) notes.push('Customer sync is off: nothing is written until it is switched on.');
      break;
    }
    case 'transaction': {
      const transaction: PartneroTransaction = listed.record;
      const customer = await sources.partnero.customers.find(transaction.customer);
      const statuses = await reader.listStatuses(DEAL_OBJECT, dealAttributeSlugs.stage).catch(() => []);
      const owner = settings.deals.ownerWorkspaceMemberId ?? sources.connectingMemberId;
      let stage: StatusChoice | undefined;
      try {
        stage = newDealStage(settings.deals, statuses);
      } catch (error) {
        if (!(error instanceof PermanentError)) throw error;
        refusals.set(dealAttributeSlugs.stage, error.message);
      }
      if (!owner)
        refusals.set(
          dealAttributeSlugs.owner,
          'no deal owner: choose one in the deal settings (Attio requires an owner on every deal)',
        );
      planned = dealValues(
        {
          transaction,
          customer: customer?.key === transaction.customer ? customer : undefined,
          personRecordId: undefined,
          stage: stage ?? { kind: 'status', statusId: '', title: '' },
          ownerWorkspaceMemberId: owner ?? '',
        },
        settings.deals,
      ).filter((value) => value.slug !== dealAttributeSlugs.associatedPeople);
      notes.push("The buyer's Attio person is linked as well when there is one.");
      if (!settings.deals.enabled) notes.push('Deal sync is off: nothing is written until it is switched on.');
      break;
    }
  }
  return {
    tab,
    object,
    sample: { kind: listed.kind, id: listed.kind === 'partner' ? listed.record.id : listed.record.key },
    values: previewValues(object, planned, schema).map((value) =>
      refusals.has(value.attribute)
        ? { ...value, write: null, outcome: 'refused' as const, reason: refusals.get(value.attribute) ?? null }
        : value,
    ),
    notes,
    partnero,
  };
}

/** Each planned value as the worker would treat it; later values of a slug replace earlier ones, as in a write. */
export function previewValues(
  object: string,
  planned: readonly PlannedValue[],
  schema: AttioObjectSchema,
): PreviewValue[] {
  const bySlug = new Map<string, PlannedValue>();
  for (const entry of planned) bySlug.set(entry.slug, entry);
  return [...bySlug.values()].map((entry): PreviewValue => {
    const attribute = schema.get(entry.slug);
    if (!attribute) {
      const reason = entry.optional
        ? `the ${object} object has no such attribute (reconnect Attio to create it); left out`
        : `the ${object} object has no attribute ${entry.slug}; the whole write would fail`;
      return { attribute: entry.slug, type: null, write: null, outcome: 'refused', reason };
    }
    const type = attribute.type;
    try {
      const converted = convertForAttio(attribute, entry.value);
      if (converted.outcome === 'write')
        return { attribute: entry.slug, type, write: JSON.stringify(converted.write), outcome: 'write', reason: null };
      if (converted.outcome === 'skipped')
        return { attribute: entry.slug, type, write: null, outcome: 'refused', reason: converted.reason };
      return {
        attribute: entry.slug,
        type,
        write: null,
        outcome: 'empty',
        reason: 'the sample has no value for it: the attribute is left as it is',
      };
    } catch (error) {
      if (error instanceof PermanentError)
        return { attribute: entry.slug, type, write: null, outcome: 'refused', reason: error.message };
      throw error;
    }
  });
}
