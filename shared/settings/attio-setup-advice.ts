import { neededAttioScopes, scopeLabel } from '../connect/attio-scopes';
import { DEAL_OBJECT, PEOPLE_OBJECT } from '../attio/object-slugs';
import type { AttioWorkspaceCheck } from '../programs/program-repository';

/** Something in the Attio workspace or app that keeps part of the sync from working, and the fix. */
export interface AttioSetupIssue {
  readonly code: 'deals-disabled' | 'object-missing' | 'scope-missing';
  /** What does not sync, and which Attio setting to change, in a program manager's words. */
  readonly message: string;
}

/**
 * What connect (or the last Save) found missing, as the Status tab says it. Essential scopes
 * never appear: without them the connect itself is refused.
 */
export function attioSetupIssues(
  check: AttioWorkspaceCheck | undefined,
  partnerTargetObject: string,
): AttioSetupIssue[] {
  if (!check) return [];
  const issues: AttioSetupIssue[] = [];
  for (const object of check.missingObjects) {
    if (object === DEAL_OBJECT) {
      issues.push({
        code: 'deals-disabled',
        message:
          'Deals are turned off in your Attio workspace, so sales and won deals are not synced ' +
          '(partners and customers are). To sync them, an Attio admin turns them on under Workspace ' +
          'settings > Objects > Deals > Enable; then reload this page, turn deal sync on and save.',
      });
    } else if (object === partnerTargetObject && object !== PEOPLE_OBJECT) {
      issues.push({
        code: 'object-missing',
        message:
          `Partners go to the Attio object "${object}", which your workspace does not have (any ` +
          `more). Choose another object on the Partners tab and save.`,
      });
    }
  }
  for (const scope of check.missingScopes) {
    const needed = neededAttioScopes.find((candidate) => candidate.scope === scope);
    issues.push({
      code: 'scope-missing',
      message:
        `The Attio app may not ${needed?.usedFor ?? scope}. Ask whoever manages your Attio app to ` +
        `enable the scope "${scopeLabel(scope)}" (build.attio.com > your app > Scopes), then ` +
        `reconnect and allow it.`,
    });
  }
  return issues;
}

/** The Status tab's one line on whether the sync runs. */
export function syncStateLine(syncStartedAt: string | null, connected: boolean): string {
  if (syncStartedAt !== null)
    return connected
      ? 'Syncing: new and updated records sync as they change.'
      : 'Paused: connect Attio again to go on syncing.';
  return connected
    ? 'Not started: choose what to sync on each tab and Save. Until then nothing is written to Attio or Partnero, and incoming events are recorded as skipped.'
    : 'Not started: connect Attio, choose what to sync and Save.';
}
