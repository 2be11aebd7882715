import type { PartneroWebhookDelivery } from '../partnero/webhook-delivery-schema';
import type { LinkedKind } from '../sync/link-repository';

/**
 * What a Partnero delivery asks of the sync: keep a record in Attio up to date (`upsert`), or
 * mark it as gone from Partnero (`retire`). Nothing is ever deleted in Attio: deals, people and
 * companies may carry the sales team's own notes, tasks and history.
 */
export type PartneroIntent = 'upsert' | 'retire';

export interface PartneroEvent {
  readonly name: PartneroWebhookDelivery['event'];
  readonly kind: LinkedKind;
  /** The record's stable Partnero identity: partner id, customer key, transaction key. */
  readonly partneroId: string;
  readonly intent: PartneroIntent;
  /** When the record was last changed by Partnero's account, for the stale-version guard. */
  readonly version: string | null;
  readonly delivery: PartneroWebhookDelivery;
}

const retiringEvents: ReadonlySet<string> = new Set([
  'partner.deleted',
  'partner.archived',
  'partner.rejected',
  'customer.deleted',
  'transaction.deleted',
]);

/**
 * What a delivery asks, from the record it names and the timestamps it may carry; nothing else
 * in it is read (the worker reads the record itself from Partnero). A delivery without a
 * timestamp (no source shows one for customers or deletions) has no version: the guard then
 * relies on the version Partnero answers when the record is read.
 */
export function readPartneroEvent(delivery: PartneroWebhookDelivery): PartneroEvent {
  const intent: PartneroIntent = retiringEvents.has(delivery.event) ? 'retire' : 'upsert';
  switch (delivery.event) {
    case 'partner.created':
    case 'partner.updated':
    case 'partner.approved':
    case 'partner.rejected':
    case 'partner.archived':
    case 'partner.deleted':
      return {
        name: delivery.event,
        kind: 'partner',
        partneroId: delivery.data.id,
        intent,
        // The documented partner.created carries `created_at` only: the partner's state when it was created.
        version:
          delivery.data.updated_at ??
          (delivery.event === 'partner.created' ? delivery.data.created_at : undefined) ??
          null,
        delivery,
      };
    case 'customer.created':
    case 'customer.updated':
    case 'customer.deleted':
      return {
        name: delivery.event,
        kind: 'customer',
        partneroId: delivery.data.key,
        intent,
        version:
          (delivery.event === 'customer.deleted' ? delivery.data.deleted_at : undefined) ??
          delivery.data.updated_at ??
          null,
        delivery,
      };
    case 'transaction.created':
    case 'transaction.deleted':
      return {
        name: delivery.event,
        kind: 'transaction',
        partneroId: delivery.data.key,
        intent,
        // A sale never changes; its deletion (the refund) is the only later version.
        version:
          (delivery.event === 'transaction.deleted' ? delivery.data.deleted_at : delivery.data.created_at) ?? null,
        delivery,
      };
  }
}

/**
 * Orders Partnero timestamps (`2025-05-07T05:32:48.000000Z`). Fractions are padded so strings
 * compare digit by digit; anything else falls back to Date parsing. Unreadable sorts as oldest.
 */
export function compareVersions(left: string, right: string): number {
  const a = sortableTimestamp(left);
  const b = sortableTimestamp(right);
  return a < b ? -1 : a > b ? 1 : 0;
}

const isoTimestamp = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?Z$/;

function sortableTimestamp(value: string): string {
  const match = isoTimestamp.exec(value.trim());
  if (match) return `${match[1]}.${(match[2] ?? '').padEnd(9, '0')}`;
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? '' : sortableTimestamp(new Date(parsed).toISOString());
}

/** True when `version` is known to be older than what was last applied. Equal is not stale. */
export function isOlderThanApplied(version: string | null, appliedVersion: string | null): boolean {
  if (version === null || appliedVersion === null) return false;
  return compareVersions(version, appliedVersion) < 0;
}
