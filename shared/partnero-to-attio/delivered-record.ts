import {
  partneroCustomerSchema,
  partneroPartnerSchema,
  type PartneroCustomer,
  type PartneroPartner,
} from '../partnero/resource-schemas';
import type { RecordLink } from '../sync/link-repository';
import { compareVersions, type PartneroEvent } from './partnero-event';

/**
 * When a delivery can stand in for reading its record from Partnero.
 *
 * The worker reads the record again because Partnero's timestamps have one-second precision and
 * its retries arrive late: only the current state makes the outcome independent of delivery
 * order. For an update of a linked record, a delivery carrying the whole record makes that
 * read redundant when both hold:
 *
 *   every field the plan reads is in `data` ──no──▶ read (the documented partner payload has
 *     │ yes                                           no status; a customer's is only its key)
 *   its version is strictly newer than the link's ──no──▶ read (same second, no version, no link)
 *     │ yes
 *   the delivery is the record
 *
 * Strictly newer, because within one second two changes share a version. The link's version is
 * the newest state applied, so the delivery cannot undo a later change, and an older retry
 * arriving afterwards meets the newer version and is `stale`. A record not linked yet is read:
 * a late delivery of a partner Partnero has since deleted must not create it in Attio. Only
 * upserts (created, updated, approved): a retirement keeps its read, since its record may no
 * longer read as it did.
 */
export function deliveredPartner(
  event: PartneroEvent,
  link: RecordLink | undefined,
  mappedFields: readonly string[],
): PartneroPartner | undefined {
  if (event.kind !== 'partner') return undefined;
  return deliveredRecord(
    event,
    link,
    [...mappedFields.flatMap((field) => partnerFieldSources[field] ?? [field]), ...partnerStatusSources],
    (data) => partneroPartnerSchema.safeParse(data),
  );
}

export function deliveredCustomer(
  event: PartneroEvent,
  link: RecordLink | undefined,
  mappedFields: readonly string[],
): PartneroCustomer | undefined {
  if (event.kind !== 'customer') return undefined;
  return deliveredRecord(
    event,
    link,
    [...mappedFields.flatMap((field) => customerFieldSources[field] ?? [field]), ...customerStatusSources],
    (data) => partneroCustomerSchema.safeParse(data),
  );
}

/** The resource properties a mapped field is read from (`partnero-fields.ts`), where they differ from its name. */
const partnerFieldSources: Readonly<Record<string, readonly string[]>> = {
  email_domain: ['email'],
  full_name: ['name', 'surname'],
};
const customerFieldSources: Readonly<Record<string, readonly string[]>> = {
  email_domain: ['email'],
  full_name: ['name', 'surname'],
};
/** What the status each record shows in Attio is read from (`partnerStatusLabel`, `customerStatusLabel`). */
const partnerStatusSources = ['status', 'approved'];
const customerStatusSources = ['status', 'deleted', 'deleted_at'];

function deliveredRecord<Resource>(
  event: PartneroEvent,
  link: RecordLink | undefined,
  sources: readonly string[],
  parse: (data: unknown) => { success: true; data: Resource } | { success: false },
): Resource | undefined {
  if (event.intent !== 'upsert' || event.version === null) return undefined;
  if (!link || link.partneroVersion === null || compareVersions(event.version, link.partneroVersion) <= 0)
    return undefined;
  const data = event.delivery.data as Record<string, unknown>;
  if (!sources.every((source) => Object.hasOwn(data, source))) return undefined;
  const parsed = parse(data);
  return parsed.success ? parsed.data : undefined;
}
