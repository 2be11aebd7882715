import type { ProgramSettings } from '../../../shared/programs/program-settings';

/** What the server renders into the page for the script: `<script type="application/json" id="bootstrap">`. */
export interface PageBootstrap {
  readonly programId: string;
  readonly displayName: string;
  /** `/settings/{programId}/api` */
  readonly apiBase: string;
  /** `/settings/{programId}/attio/connect` */
  readonly connectUrl: string;
  readonly connected: boolean;
  readonly workspaceName: string | null;
  readonly connectedAt: string | null;
  readonly settings: ProgramSettings;
  readonly version: number;
  readonly updatedAt: string | null;
}

export const BOOTSTRAP_ELEMENT_ID = 'bootstrap';
export const CSRF_META_NAME = 'csrf-token';
