import { attioRecordHash } from '../sync/echo-suppression';
import type { LinkedKind, RecordLink } from '../sync/link-repository';
import type { AttioObjectSchema } from '../attio/attio-schema';
import { hashWithoutFigures } from './partner-performance';
import { compareVersions } from './partnero-event';
import type { AttioRecordSnapshot } from '../attio/attio-records';
import { isSchemaRefusal, isUniquenessConflict } from '../attio/write-refusals';
import { planRecordWrite, type PlannedValue, type RecordPlan } from './record-plan';
import { targetRecordName, type SyncContext, type SyncResult } from './sync-context';

/**
 * The result of a write, with the id of the record written; no id when the write was refused
 * as a conflict (the record it would have adopted belongs to another Partnero record).
 */
export interface WrittenRecord extends SyncResult {
  readonly recordId: string | undefined;
}

export function objectSchema(context: SyncContext, object: string): Promise<AttioObjectSchema> {
  return context.schemas.objectSchema(context.program.attio.workspaceId, object, context.attio);
}

/**
 * Whether the plan changes nothing on the linked record: it hashes like what the record read
 * back as after our last write, or like what that write sent (the record may also hold values
 * the sales team added, which a PATCH keeps).
 */
export function changesNothing(link: RecordLink | undefined, plan: RecordPlan): boolean {
  return (
    link !== undefined &&
    link.attioObject === plan.object &&
    (link.attioWrittenHash === plan.hash || link.attioPlannedHash === plan.hash)
  );
}

/**
 * Writes a planned record, then saves the link with the hash of what the record reads back as.
 *
 *   linked record in the plan's object ──▶ PATCH by record id (multiselect values are added,
 *                                           never removed: a second email the sales team
 *                                           added stays)
 *   otherwise (or the linked record is gone) ──▶ assert on the tag: creates the record, or
 *                                                finds the one already carrying our tag
 *     └─ uniqueness conflict (the email or domain is held by a record the sales team made)
 *          ├─ that record carries another Partnero record's tag or link ──▶ conflict: nothing
 *          │                                                                is written
 *          └─ otherwise ──▶ adopted: PATCHed by its id with our values and tag
 */
export async function writePlannedRecord(
  context: SyncContext,
  kind: LinkedKind,
  partneroId: string,
  plan: RecordPlan,
  previous: RecordLink | undefined,
  version: string | null,
  rules: LinkSaveRules = {},
): Promise<WrittenRecord> {
  let written: RecordWrite;
  try {
    written = await writeRecord(context, kind, partneroId, plan, previous);
  } catch (error) {
    // The schema may have changed since it was cached (an attribute created or archived).
    if (isSchemaRefusal(error)) context.schemas.forget(context.program.attio.workspaceId, plan.object);
    throw error;
  }
  if (written.kind === 'conflict') {
    return {
      outcome: 'conflict',
      recordId: undefined,
      targetRecord: targetRecordName(plan.object, written.holderRecordId),
      reason: `${context.event.name} not written: ${written.reason}`,
    };
  }
  // A write that had to leave a value out did not send the plan: the next event tries it again.
  await saveLink(
    context,
    kind,
    partneroId,
    plan.object,
    written.snapshot,
    previous,
    version,
    true,
    written.complete ? plan : null,
    rules,
  );
  return {
    outcome: 'applied',
    recordId: written.snapshot.recordId,
    targetRecord: targetRecordName(plan.object, written.snapshot.recordId),
    reason: [`${context.event.name} written to ${plan.object} (${written.how})`, ...written.notes, ...plan.notes].join(
      '; ',
    ),
  };
}

type RecordWrite =
  | {
      readonly kind: 'written';
      readonly snapshot: AttioRecordSnapshot;
      readonly how: string;
      readonly notes: readonly string[];
      readonly complete: boolean;
    }
  | { readonly kind: 'conflict'; readonly holderRecordId: string; readonly reason: string };

async function writeRecord(
  context: SyncContext,
  kind: LinkedKind,
  partneroId: string,
  plan: RecordPlan,
  previous: RecordLink | undefined,
): Promise<RecordWrite> {
  const notes: string[] = [];
  if (previous && previous.attioObject === plan.object) {
    const updated = await patchKeepingOthersValues(context, plan, previous.attioRecordId);
    if (updated) return { kind: 'written', how: 'updated by record id', ...updated };
    notes.push(`the linked record ${previous.attioRecordId} no longer exists in Attio`);
  }
  try {
    return {
      kind: 'written',
      snapshot: await context.attio.assertRecord(plan.object, plan.matchingAttribute, plan.values),
      how: `asserted on ${plan.matchingAttribute}`,
      notes,
      complete: true,
    };
  } catch (error) {
    if (!plan.adoptBy || !isUniquenessConflict(error)) throw error;
    return adoptHolder(context, kind, partneroId, plan, plan.adoptBy, error, notes);
  }
}

/**
 * The record holding the unique value is adopted unless it already belongs to another Partnero
 * record of the same kind (its tag or its link says so): taking it over would move that link,
 * and with a customer's link the commissions of its deals. A different kind is no obstacle: a
 * person may be a partner and a customer at once.
 */
async function adoptHolder(
  context: SyncContext,
  kind: LinkedKind,
  partneroId: string,
  plan: RecordPlan,
  adoptBy: string,
  conflict: unknown,
  notes: readonly string[],
): Promise<RecordWrite> {
  const holders = await context.attio.findRecordsByValue(plan.object, adoptBy, firstOf(plan.values[adoptBy]));
  const holder = holders[0];
  // Attio refused the value but no single record shows it (a race with a delete or a merge): retried later.
  if (!holder || holders.length > 1) throw conflict;
  const what = describeKind(kind);
  const taggedFor = tagValueOf(holder, plan.matchingAttribute);
  const linked = await context.links.findByAttioRecordId(context.program.programId, holder.recordId, kind);
  const owner =
    taggedFor !== undefined && taggedFor !== partneroId
      ? taggedFor
      : linked && linked.partneroId !== partneroId
        ? linked.partneroId
        : undefined;
  if (owner !== undefined) {
    return {
      kind: 'conflict',
      holderRecordId: holder.recordId,
      reason:
        `its ${adoptBy} value is already on Attio record ${plan.object}:${holder.recordId}, which ` +
        `belongs to ${what} ${owner}; ${what} ${partneroId} was not linked to it and that record ` +
        `was left as it is (merge or correct the two ${what}s in Partnero, or change the value in ` +
        `Attio)`,
    };
  }
  const adopted = await patchKeepingOthersValues(context, plan, holder.recordId);
  if (!adopted) throw conflict;
  return {
    kind: 'written',
    snapshot: adopted.snapshot,
    how: `adopted the existing record with the same ${adoptBy} and tagged it`,
    notes: [...notes, ...adopted.notes],
    complete: adopted.complete,
  };
}

/**
 * PATCH by record id. When a unique value (a changed email, a domain) is held by another
 * record, the write is repeated without the unique values besides the tag, with a note: the
 * name and status still reach the record, and no other record is touched.
 */
async function patchKeepingOthersValues(
  context: SyncContext,
  plan: RecordPlan,
  recordId: string,
): Promise<{ snapshot: AttioRecordSnapshot; notes: string[]; complete: boolean } | undefined> {
  try {
    const snapshot = await context.attio.updateRecord(plan.object, recordId, plan.values);
    return snapshot ? { snapshot, notes: [], complete: true } : undefined;
  } catch (error) {
    if (plan.uniqueValues.length === 0 || !isUniquenessConflict(error)) throw error;
    const values = Object.fromEntries(
      Object.entries(plan.values).filter(([slug]) => !plan.uniqueValues.includes(slug)),
    );
    const snapshot = await context.attio.updateRecord(plan.object, recordId, values);
    return snapshot
      ? {
          snapshot,
          notes: [`${plan.uniqueValues.join(', ')} not written: another Attio record already holds the value`],
          complete: false,
        }
      : undefined;
  }
}

function firstOf(write: unknown): unknown {
  return Array.isArray(write) ? write[0] : write;
}

function tagValueOf(record: AttioRecordSnapshot, slug: string): string | undefined {
  const current = (record.values[slug] ?? []).find(
    (value) => typeof value === 'object' && value !== null && !(value as { active_until?: unknown }).active_until,
  ) as { value?: unknown } | undefined;
  return typeof current?.value === 'string' && current.value !== '' ? current.value : undefined;
}

function describeKind(kind: LinkedKind): string {
  return kind === 'transaction' ? 'sale' : kind;
}

/**
 * Marks a linked record (a status, a stage) without touching anything else on it. A record
 * the sales team deleted in Attio stays deleted: nothing is recreated just to be marked.
 */
export async function markLinkedRecord(
  context: SyncContext,
  link: RecordLink,
  tag: PlannedValue,
  marks: readonly PlannedValue[],
  version: string | null,
  description: string,
): Promise<SyncResult> {
  const schema = await objectSchema(context, link.attioObject);
  const plan = planRecordWrite(link.attioObject, tag.slug, [tag, ...marks], schema);
  const snapshot = await context.attio.updateRecord(link.attioObject, link.attioRecordId, plan.values);
  const target = targetRecordName(link.attioObject, link.attioRecordId);
  if (!snapshot)
    return {
      outcome: 'noop',
      targetRecord: target,
      reason: `${context.event.name}: the linked Attio record no longer exists; nothing to mark`,
    };
  // A record this direction never wrote (a deal won in Attio, linked by the other direction) stays
  // the sales team's: with our hash on it, their next move back to these values would pass for our echo.
  await saveLink(
    context,
    link.kind,
    link.partneroId,
    link.attioObject,
    snapshot,
    link,
    version,
    link.attioWrittenHash !== null,
  );
  return {
    outcome: 'applied',
    targetRecord: target,
    reason: [`${context.event.name}: ${description}; the record is kept`, ...plan.notes].join('; '),
  };
}

/** How a write outside the record's own event saves its link. */
export interface LinkSaveRules {
  /**
   * The record's own event may be applied at the same moment in its own lane (a sale that
   * writes its buyer's person while the customer's `customer.created` runs): before saving a
   * new link, look again, and save nothing when that event already saved this very link. One
   * read instead of two writes; without it the two saves race and both are paid.
   */
  readonly ownEventMayLinkMeanwhile?: boolean;
}

async function saveLink(
  context: SyncContext,
  kind: LinkedKind,
  partneroId: string,
  object: string,
  snapshot: AttioRecordSnapshot,
  previous: RecordLink | undefined,
  version: string | null,
  ours = true,
  planned: RecordPlan | null = null,
  rules: LinkSaveRules = {},
): Promise<void> {
  const schema = await objectSchema(context, object);
  const link: RecordLink = {
    programId: context.program.programId,
    kind,
    partneroId,
    attioObject: object,
    attioRecordId: snapshot.recordId,
    attioWrittenHash: ours ? attioRecordHash(snapshot.values, schema, kind, context.program.settings) : null,
    attioPlannedHash: ours && planned ? planned.hash : null,
    attioPlannedHashWithoutFigures: ours && planned ? hashWithoutFigures(planned) : null,
    partneroWrittenHash: previous?.partneroWrittenHash ?? null,
    partneroVersion: newestVersion(previous?.partneroVersion ?? null, version),
    updatedAt: context.now().toISOString(),
  };
  if (!previous && rules.ownEventMayLinkMeanwhile) {
    const meanwhile = await context.links.findByPartneroId(link.programId, kind, partneroId);
    if (meanwhile && isSameLink(meanwhile, link)) return;
  }
  await context.links.save(link, { previousAttioRecordId: previous?.attioRecordId, foundBy: 'partnero' });
}

/** The same record on both sides, with the same hashes and version of ours: saving it again changes nothing. */
function isSameLink(saved: RecordLink, wanted: RecordLink): boolean {
  return (
    saved.attioObject === wanted.attioObject &&
    saved.attioRecordId === wanted.attioRecordId &&
    saved.attioWrittenHash === wanted.attioWrittenHash &&
    (saved.attioPlannedHash ?? null) === wanted.attioPlannedHash &&
    (saved.attioPlannedHashWithoutFigures ?? null) === wanted.attioPlannedHashWithoutFigures &&
    saved.partneroVersion === wanted.partneroVersion
  );
}

function newestVersion(applied: string | null, incoming: string | null): string | null {
  if (applied === null) return incoming;
  if (incoming === null) return applied;
  return compareVersions(incoming, applied) > 0 ? incoming : applied;
}
