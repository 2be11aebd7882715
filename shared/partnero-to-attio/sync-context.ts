import type { ProgramSettings } from '../programs/program-settings';
import type { LinkRepository } from '../sync/link-repository';
import type { SyncOutcome } from '../sync/outcomes';
import type { AttioSchemaCache } from '../attio/attio-schema-cache';
import type { PartneroEvent } from './partnero-event';
import type { AttioRecordsPort } from '../attio/attio-records';
import type { PartneroRecordsPort } from './ports';

/** The program as this direction needs it for one event. */
export interface SyncProgram {
  readonly programId: string;
  readonly settings: ProgramSettings;
  /** Undefined while the program has not connected Attio. */
  readonly attio: ConnectedWorkspace | undefined;
}

export interface ConnectedWorkspace {
  readonly workspaceId: string;
  /** Owner of created deals when the settings name none. */
  readonly authorizedByWorkspaceMemberId: string | null;
}

export type LinkStore = Pick<LinkRepository, 'findByPartneroId' | 'findByAttioRecordId' | 'save'>;

/** Everything the appliers of one event share. */
export interface SyncContext {
  readonly program: SyncProgram & { readonly attio: ConnectedWorkspace };
  readonly event: PartneroEvent;
  readonly attio: AttioRecordsPort;
  readonly partnero: PartneroRecordsPort;
  readonly links: LinkStore;
  readonly schemas: AttioSchemaCache;
  readonly now: () => Date;
}

/** What became of the event: the audit entry's outcome, target and reason. */
export interface SyncResult {
  readonly outcome: SyncOutcome;
  readonly targetRecord: string | null;
  readonly reason: string;
}

export function targetRecordName(object: string, recordId: string): string {
  return `attio:${object}:${recordId}`;
}
