import * as z from 'zod';
import type { ProgramStore } from '../connect/attio-access';
import { ProgramNotFoundError, ValidationError } from '../errors';
import { auditDirections, type AuditEntry, type AuditLog } from '../sync/audit-log';

/**
 * The History tab: a program's sync history, newest first, a page at a time, optionally for one
 * direction or one record. The query string is the whole request, so the page can link to a
 * record's history and a reload shows the same entries.
 */
export const syncHistoryQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().min(1).max(1000).optional(),
  direction: z.enum(auditDirections).optional(),
  /** A record as the entries name it, e.g. `partner:abc` or `attio:people:<record id>`. */
  record: z.string().trim().min(1).max(300).optional(),
});
export type SyncHistoryQuery = z.infer<typeof syncHistoryQuerySchema>;

export interface SyncHistoryPage {
  readonly entries: AuditEntry[];
  readonly nextCursor: string | null;
  /** How long entries are kept, so the page can say where history ends. */
  readonly retentionDays: number;
}

export interface SyncHistoryDependencies extends Pick<ProgramStore, 'programs'> {
  readonly audit: AuditLog;
}

export function parseSyncHistoryQuery(
  query: Readonly<Record<string, string | undefined>> | undefined,
): SyncHistoryQuery {
  // An empty filter field in the page's form arrives as `record=`: the same as no filter.
  const present = Object.fromEntries(
    Object.entries(query ?? {}).filter(([, value]) => value !== undefined && value.trim() !== ''),
  );
  const parsed = syncHistoryQuerySchema.safeParse(present);
  if (!parsed.success)
    throw new ValidationError(
      'The history query is not valid',
      parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
    );
  return parsed.data;
}

export async function syncHistory(
  deps: SyncHistoryDependencies,
  programId: string,
  query: SyncHistoryQuery,
): Promise<SyncHistoryPage> {
  if (!(await deps.programs.getRegistration(programId))) throw new ProgramNotFoundError(programId);
  const page = await deps.audit.listRecent(programId, {
    limit: query.limit,
    cursor: query.cursor ?? null,
    direction: query.direction,
    sourceRecord: query.record,
  });
  return { entries: page.entries, nextCursor: page.nextCursor, retentionDays: deps.audit.retentionDays };
}
