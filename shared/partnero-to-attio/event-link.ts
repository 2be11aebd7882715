import type { LinkedKind, RecordLink } from '../sync/link-repository';
import { isOlderThanApplied } from './partnero-event';
import { targetRecordName, type SyncContext, type SyncResult } from './sync-context';

export interface EventLink {
  /** The link of the event's record, when it reached Attio before. */
  readonly link: RecordLink | undefined;
  /** Its Attio record, as the history names it; null while it has none. */
  readonly target: string | null;
  /** The answer when the event is older than the version the link applied: nothing to do. */
  readonly stale: SyncResult | undefined;
}

/**
 * The first step of every Partnero event: its record's link, and the stale-version guard on the
 * version the delivery carries (the one Partnero answers is checked again once read).
 */
export async function eventLinkOf(context: SyncContext, kind: LinkedKind): Promise<EventLink> {
  const { event, program } = context;
  const link = await context.links.findByPartneroId(program.programId, kind, event.partneroId);
  const target = link ? targetRecordName(link.attioObject, link.attioRecordId) : null;
  const stale: SyncResult | undefined = isOlderThanApplied(event.version, link?.partneroVersion ?? null)
    ? {
        outcome: 'stale',
        targetRecord: target,
        reason: `${event.name} of ${event.version} is older than the applied version ${link?.partneroVersion}`,
      }
    : undefined;
  return { link, target, stale };
}
