import type { FaultInjector, FaultPlan } from '../../partnero/server/fault-injector';
import type { RequestCounter, RouteCount } from '../../partnero/server/request-counter';
import type { AccessToken, AttioWorld, OAuthClient } from '../model/attio-world';
import type { AttioRateLimiter, AttioRateLimits } from '../model/rate-limiter';
import type { Actor, Workspace } from '../model/workspace';
import type { AttioWebhooks, DeliveryRecord, DeliverySchedule } from '../webhooks/attio-webhooks';

/**
 * The simulator's test-and-demo surface: seed workspaces, act as a human workspace member
 * (so webhooks carry a `workspace-member` actor, like a sales rep moving a deal to "Won 🎉"),
 * read what was written, inject faults, count requests, and wait for webhook deliveries.
 */
export interface AttioControl {
  readonly defaultWorkspaceId: string;
  reset(): Promise<void>;
  createWorkspace(input?: Parameters<AttioWorld['createWorkspace']>[0]): { id: string; memberIds: string[] };
  issueToken(workspaceId?: string, options?: { scopes?: readonly string[] }): { token: string; actor: Actor };
  /** An admin turning a standard object (e.g. `deals`) on or off under Workspace settings > Objects. */
  setObjectEnabled(object: string, enabled: boolean, workspaceId?: string): void;
  /** The actor type of tokens issued from now on (`api-token` by default, or `app`). */
  setTokenActorType(type: 'api-token' | 'app'): void;
  registerOAuthClient(client: Omit<OAuthClient, 'workspaceId'> & { workspaceId?: string }): void;
  members(workspaceId?: string): Workspace['members'];
  records(object: string, workspaceId?: string): Record<string, unknown>[];
  record(object: string, recordId: string, workspaceId?: string): Record<string, unknown> | undefined;
  createRecordAsMember(
    object: string,
    values: Record<string, unknown>,
    options?: { workspaceId?: string; memberId?: string },
  ): Record<string, unknown>;
  updateRecordAsMember(
    object: string,
    recordId: string,
    values: Record<string, unknown>,
    options?: { workspaceId?: string; memberId?: string; mode?: 'append' | 'overwrite' },
  ): Record<string, unknown>;
  deleteRecordAsMember(object: string, recordId: string, options?: { workspaceId?: string; memberId?: string }): void;
  mergeRecordsAsMember(
    object: string,
    primaryRecordId: string,
    secondaryRecordId: string,
    options?: { workspaceId?: string; memberId?: string },
  ): string;
  statuses(object: string, attribute: string, workspaceId?: string): { id: string; title: string }[];
  /** As a workspace admin: make an attribute required for new records, or optional again. */
  setAttributeRequired(object: string, attribute: string, required: boolean, workspaceId?: string): void;
  webhooks(workspaceId?: string): { id: string; targetUrl: string; status: string; subscriptions: unknown }[];
  injectFault(plan: FaultPlan): void;
  clearFaults(): void;
  requestCounts(): Record<string, RouteCount>;
  resetRequestCounts(): void;
  setRateLimits(limits: AttioRateLimits): void;
  configureDeliveries(schedule: Partial<DeliverySchedule>): void;
  flushDeliveries(): Promise<void>;
  deliveries(): DeliveryRecord[];
}

export function createAttioControl(parts: {
  world: AttioWorld;
  webhooks: AttioWebhooks;
  faults: FaultInjector;
  counter: RequestCounter;
  rateLimiter: AttioRateLimiter;
  seed: () => string;
}): AttioControl {
  const { world, webhooks, faults, counter, rateLimiter } = parts;
  let defaultWorkspaceId = parts.seed();

  const workspaceOf = (id?: string) => world.workspace(id ?? defaultWorkspaceId);
  const memberActor = (workspace: Workspace, memberId?: string): Actor => {
    const member = memberId
      ? workspace.members.find((candidate) => candidate.id.workspace_member_id === memberId)
      : workspace.members[0];
    if (!member) throw new Error(`no workspace member ${memberId ?? ''} in ${workspace.id}`);
    return { type: 'workspace-member', id: member.id.workspace_member_id };
  };

  return {
    get defaultWorkspaceId() {
      return defaultWorkspaceId;
    },
    async reset() {
      await webhooks.reset();
      world.reset();
      faults.clear();
      counter.clear();
      rateLimiter.reset();
      defaultWorkspaceId = parts.seed();
    },
    createWorkspace(input) {
      const workspace = world.createWorkspace(input);
      return { id: workspace.id, memberIds: workspace.members.map((member) => member.id.workspace_member_id) };
    },
    issueToken(workspaceId, options = {}) {
      const token: AccessToken = world.issueToken(workspaceId ?? defaultWorkspaceId, { scopes: options.scopes });
      return { token: token.token, actor: token.actor };
    },
    setTokenActorType(type) {
      world.tokenActorType = type;
    },
    setObjectEnabled(object, enabled, workspaceId) {
      world.setObjectEnabled(workspaceId ?? defaultWorkspaceId, object, enabled);
    },
    registerOAuthClient(client) {
      world.registerClient({ ...client, workspaceId: client.workspaceId ?? defaultWorkspaceId });
    },
    members: (workspaceId) => workspaceOf(workspaceId).members,
    records(object, workspaceId) {
      const workspace = workspaceOf(workspaceId);
      const stored = workspace.object(object);
      return workspace.allRecords(stored).map((record) => workspace.present(stored, record));
    },
    record(object, recordId, workspaceId) {
      const workspace = workspaceOf(workspaceId);
      const stored = workspace.object(object);
      const record = workspace.findRecord(stored.id.object_id, recordId);
      return record ? workspace.present(stored, record) : undefined;
    },
    createRecordAsMember(object, values, options = {}) {
      const workspace = workspaceOf(options.workspaceId);
      const stored = workspace.object(object);
      return workspace.present(
        stored,
        workspace.createRecord(stored, values, memberActor(workspace, options.memberId)),
      );
    },
    updateRecordAsMember(object, recordId, values, options = {}) {
      const workspace = workspaceOf(options.workspaceId);
      const stored = workspace.object(object);
      const record = workspace.updateRecord(
        stored,
        workspace.record(stored, recordId),
        values,
        options.mode ?? 'append',
        memberActor(workspace, options.memberId),
      );
      return workspace.present(stored, record);
    },
    deleteRecordAsMember(object, recordId, options = {}) {
      const workspace = workspaceOf(options.workspaceId);
      const stored = workspace.object(object);
      workspace.deleteRecord(stored, workspace.record(stored, recordId), memberActor(workspace, options.memberId));
    },
    mergeRecordsAsMember(object, primaryRecordId, secondaryRecordId, options = {}) {
      const workspace = workspaceOf(options.workspaceId);
      const stored = workspace.object(object);
      return workspace.mergeRecords(
        stored,
        workspace.record(stored, primaryRecordId),
        workspace.record(stored, secondaryRecordId),
        memberActor(workspace, options.memberId),
      ).id.record_id;
    },
    statuses(object, attribute, workspaceId) {
      const workspace = workspaceOf(workspaceId);
      return workspace
        .attribute(workspace.object(object), attribute)
        .statuses.map((status) => ({ id: status.id.status_id, title: status.title }));
    },
    setAttributeRequired(object, attribute, required, workspaceId) {
      const workspace = workspaceOf(workspaceId);
      workspace.setAttributeRequired(workspace.object(object), attribute, required);
    },
    webhooks: (workspaceId) =>
      webhooks.list(workspaceId ?? defaultWorkspaceId).map((hook) => ({
        id: hook.id.webhook_id,
        targetUrl: hook.target_url,
        status: hook.status,
        subscriptions: hook.subscriptions,
      })),
    injectFault: (plan) => faults.inject(plan),
    clearFaults: () => faults.clear(),
    requestCounts: () => counter.snapshot(),
    resetRequestCounts: () => counter.clear(),
    setRateLimits: (limits) => {
      rateLimiter.limits = limits;
    },
    configureDeliveries: (schedule) => {
      webhooks.schedule = { ...webhooks.schedule, ...schedule };
    },
    flushDeliveries: () => webhooks.flush(),
    deliveries: () => [...webhooks.deliveries],
  };
}
