import { randomUUID } from 'node:crypto';
import * as z from 'zod';
import { ENV } from '../config/environment-names';
import { readEnvironment } from '../config/read-environment';
import { keys } from '../store/keys';
import { expiresInDays } from '../store/expiry';
import { syncOutcomes } from './outcomes';

/**
 * What one sync history entry is and how it is stored, without the table client: the webhook
 * routes write entries over the one-request DynamoDB client (acknowledgement-writes.ts), the
 * rest through `AuditLog`, both with `auditEntryItem`.
 */
export const auditDirections = [
  'partnero-to-attio',
  'attio-to-partnero',
  'settings',
  'backfill',
  'reconciliation',
] as const;
export type AuditDirection = (typeof auditDirections)[number];

export const auditEntrySchema = z.object({
  programId: z.string(),
  direction: z.enum(auditDirections),
  /** The event as the source named it, e.g. `partner.updated` or `record.updated`. */
  sourceEvent: z.string(),
  /** The source record, e.g. `partner:abc` or `attio:deals:<record id>`. */
  sourceRecord: z.string(),
  /** What was written, e.g. `attio:people:<record id>` or `partnero:transaction:<key>`; null when nothing was. */
  targetRecord: z.string().nullable(),
  outcome: z.enum(syncOutcomes),
  reason: z.string(),
  at: z.string(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const DEFAULT_AUDIT_RETENTION_DAYS = 30;

/**
 * How long the sync history is kept: `AUDIT_RETENTION_DAYS` (whole days, 1 to 3650), 30 when
 * unset. A malformed value stops the function at init rather than keeping entries for a
 * surprising time.
 */
export function auditRetentionDays(environment: NodeJS.ProcessEnv = process.env): number {
  const parsed = readEnvironment(
    z.object({ [ENV.auditRetentionDays]: z.coerce.number().int().min(1).max(3650).optional() }),
    environment[ENV.auditRetentionDays] === '' ? { ...environment, [ENV.auditRetentionDays]: undefined } : environment,
  );
  return parsed[ENV.auditRetentionDays] ?? DEFAULT_AUDIT_RETENTION_DAYS;
}

/** A history entry, validated, and its item, as `AuditLog.record` writes it (shared with the webhook routes' lean writer). */
export function auditEntryItem(
  entry: Omit<AuditEntry, 'at'> & { at?: string },
  retentionDays: number,
): { complete: AuditEntry; item: Record<string, unknown> } {
  const complete = auditEntrySchema.parse({ ...entry, at: entry.at ?? new Date().toISOString() });
  const item = {
    pk: keys.auditDirectionPartition(complete.programId, complete.direction),
    sk: `${complete.at}#${randomUUID()}`,
    // Counted from when the entry is written, so a late-written old event still stays the full time.
    expiresAt: expiresInDays(retentionDays),
    ...complete,
  };
  return { complete, item };
}
