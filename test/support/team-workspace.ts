import type { AttioControl } from '../../simulators/attio/control/attio-control';

/**
 * An Attio workspace with the two members every scenario needs: Ada, the admin who connects the
 * program, and Sam from sales, who owns deals and edits records as a person would.
 */
export function createTeamWorkspace(
  control: Pick<AttioControl, 'createWorkspace'>,
  programId: string,
): { id: string; memberIds: string[] } {
  return control.createWorkspace({
    name: `Workspace ${programId}`,
    members: [
      { first_name: 'Ada', last_name: 'Admin', email_address: `ada@${programId}.example` },
      { first_name: 'Sam', last_name: 'Sales', email_address: `sam@${programId}.example` },
    ],
  });
}
