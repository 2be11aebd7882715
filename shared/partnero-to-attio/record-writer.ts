import type { LinkedKind, RecordLink } from '../sync/link-repository';
import type { AttioObjectSchema } from './attio-schema';
import { compareVersions } from './partnero-event';
import { isSchemaRefusal, isUniquenessConflict, type AttioRecordSnapshot } from './ports';
import { fingerprintOfAttioRecord, planRecordWrite, type PlannedValue, type RecordPlan } from './record-plan';
import { targetRecordName, type SyncContext, type SyncResult } from './sync-context';
import { syncedAttributeSlugs } from './synced-attributes';

/** The result of a write, with the id of the record written. */
export interface WrittenRecord extends SyncResult {
  readonly recordId: string;
}

export function objectSchema(context: SyncContext, object: string): Promise<AttioObjectSchema> {
  return context.schemas.objectSchema(context.program.attio.workspaceId, object, context.attio);
}

/**
 * Writes a planned record with one assert on its tag. When that collides with a record the
 * sales team created themselves (same email or domain, no tag yet), the write is repeated as
 * an assert on that unique value: the existing record is adopted and tagged, never duplicated.
 * Then the link is saved with the hash of what the record now reads back as.
 */
export async function writePlannedRecord(context: SyncContext, kind: LinkedKind, partneroId: string, plan: RecordPlan, previous: RecordLink | undefined, version: string | null): Promise<WrittenRecord> {
  let snapshot: AttioRecordSnapshot;
  let matchedOn = plan.matchingAttribute;
  try {
    try {
      snapshot = await context.attio.assertRecord(plan.object, plan.matchingAttribute, plan.values);
    } catch (error) {
      if (!plan.adoptBy || !isUniquenessConflict(error)) throw error;
      matchedOn = plan.adoptBy;
      snapshot = await context.attio.assertRecord(plan.object, plan.adoptBy, plan.values);
    }
  } catch (error) {
    // The schema may have changed since it was cached (an attribute created or archived).
    if (isSchemaRefusal(error)) context.schemas.forget(context.program.attio.workspaceId, plan.object);
    throw error;
  }
  await saveLink(context, kind, partneroId, plan.object, snapshot, previous, version);
  const how = matchedOn === plan.matchingAttribute ? `asserted on ${matchedOn}` : `adopted the existing record with the same ${matchedOn} and tagged it`;
  return {
    outcome: 'applied',
    recordId: snapshot.recordId,
    targetRecord: targetRecordName(plan.object, snapshot.recordId),
    reason: [`${context.event.name} written to ${plan.object} (${how})`, ...plan.notes].join('; '),
  };
}

/**
 * Marks a linked record (a status, a stage) without touching anything else on it. A record
 * the sales team deleted in Attio stays deleted: nothing is recreated just to be marked.
 */
export async function markLinkedRecord(context: SyncContext, link: RecordLink, tag: PlannedValue, marks: readonly PlannedValue[], version: string | null, description: string): Promise<SyncResult> {
  const schema = await objectSchema(context, link.attioObject);
  const plan = planRecordWrite(link.attioObject, tag.slug, [tag, ...marks], schema);
  const snapshot = await context.attio.updateRecord(link.attioObject, link.attioRecordId, plan.values);
  const target = targetRecordName(link.attioObject, link.attioRecordId);
  if (!snapshot) return { outcome: 'noop', targetRecord: target, reason: `${context.event.name}: the linked Attio record no longer exists; nothing to mark` };
  // A record this direction never wrote (a deal won in Attio, linked by the other direction) stays
  // the sales team's: with our hash on it, their next move back to these values would pass for our echo.
  await saveLink(context, link.kind, link.partneroId, link.attioObject, snapshot, link, version, link.attioWrittenHash !== null);
  return { outcome: 'applied', targetRecord: target, reason: [`${context.event.name}: ${description}; the record is kept`, ...plan.notes].join('; ') };
}

async function saveLink(context: SyncContext, kind: LinkedKind, partneroId: string, object: string, snapshot: AttioRecordSnapshot, previous: RecordLink | undefined, version: string | null, ours = true): Promise<void> {
  const schema = await objectSchema(context, object);
  const link: RecordLink = {
    programId: context.program.programId,
    kind,
    partneroId,
    attioObject: object,
    attioRecordId: snapshot.recordId,
    attioWrittenHash: ours ? fingerprintOfAttioRecord(snapshot.values, schema, syncedAttributeSlugs(kind, context.program.settings)) : null,
    partneroWrittenHash: previous?.partneroWrittenHash ?? null,
    partneroVersion: newestVersion(previous?.partneroVersion ?? null, version),
    updatedAt: context.now().toISOString(),
  };
  await context.links.save(link, previous?.attioRecordId);
}

function newestVersion(applied: string | null, incoming: string | null): string | null {
  if (applied === null) return incoming;
  if (incoming === null) return applied;
  return compareVersions(incoming, applied) > 0 ? incoming : applied;
}
