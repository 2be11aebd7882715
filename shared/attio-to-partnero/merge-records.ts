import type { AttioSyncContext } from './sync-context';

/**
 * Moves what the service knows about merged-away Attio records to the surviving one: the link
 * (so the Partnero partner, customer or sale stays linked) and a deal's commission claim (so the
 * survivor, often still in the won stage, does not pay the same sale again).
 *
 * Attio changed its merge semantics: it used to keep one original (`id.record_id`) and delete
 * the duplicate; it now creates a new record and fires one `record.merged` per original, each
 * naming the new record. Both read as "duplicate_record_id -> id.record_id", so one rule covers
 * both. Every move is idempotent: a redelivered or coalesced merge finds nothing left to move.
 * Returns what was moved, for the audit reason.
 */
export async function moveMergedRecords(
  context: AttioSyncContext,
  survivorRecordId: string,
  mergedAwayRecordIds: readonly string[],
): Promise<string[]> {
  const notes: string[] = [];
  for (const mergedAway of mergedAwayRecordIds) {
    if (mergedAway === survivorRecordId) continue;
    const [links, survivorLinks] = await Promise.all([
      context.links.linksOfAttioRecord(context.programId, mergedAway),
      context.links.linksOfAttioRecord(context.programId, survivorRecordId),
    ]);
    // Kind by kind: a merged person may bring its customer link to a survivor that is a partner.
    for (const link of links) {
      const survivorLink = survivorLinks.find((candidate) => candidate.kind === link.kind);
      if (!survivorLink) {
        await context.links.moveToAttioRecord(link, survivorRecordId, context.now());
        notes.push(`link of Partnero ${link.kind} ${link.partneroId} moved from ${mergedAway}`);
      } else {
        notes.push(
          `record ${mergedAway} was linked to Partnero ${link.kind} ${link.partneroId}, but the ` +
            `surviving record keeps its own link to ${survivorLink.kind} ${survivorLink.partneroId}`,
        );
      }
    }

    const claim = await context.claims.find(context.programId, mergedAway);
    if (claim && claim.state !== 'merged') {
      const moved = await context.claims.moveToSurvivor(claim, survivorRecordId, context.now());
      notes.push(
        moved
          ? `commission claim (${claim.state}, transaction ${claim.transactionKey}) moved from deal ${mergedAway}`
          : `deal ${mergedAway} had its own commission claim (${claim.state}, transaction ${claim.transactionKey}); the surviving deal keeps its own`,
      );
    }
  }
  return notes;
}
