import type { AttioClient } from '../attio/attio-client';
import { ownActorOfWrite } from '../attio/own-actor';
import type { WriteObserver, WriteObservers } from '../partnero-to-attio/own-actor-writes';
import { isSyncAttribute } from '../programs/attio-sync-attributes';
import type { ProgramContext } from '../programs/program-context';
import type { AttioActor, AttioConnection, ProgramRepository } from '../programs/program-repository';
import { refreshAttioSubscriptions } from './attio-workspace-setup';

export type OwnActorStore = Pick<ProgramRepository, 'recordAttioActor' | 'recordWebhookActorFilter' | 'getSettings'>;

export interface OwnActorLearningDependencies {
  readonly store: OwnActorStore;
  readonly attioFor: (accessToken: string) => AttioClient;
  /** A step that failed; it is tried again at a later write. Never given a secret. */
  readonly onError?: (step: 'record-actor' | 'filter-webhook', error: unknown) => void;
  /** After a failed webhook update, how long this container leaves the program's webhook alone (default 5 minutes). */
  readonly retryAfterMs?: number;
  readonly now?: () => number;
}

/**
 * The service learns its own Attio actor from its first real write, never from a probe record
 * (connect writes nothing to the customer's CRM):
 *
 *   write answered ─▶ actor of our own values (`ownActorOfWrite`) ─▶ stored once on the
 *   connection (conditional: concurrent workers agree on the first) ─▶ webhook PATCHed so each
 *   subscription adds `actor.id not_equals <ours>` ─▶ noted on the connection
 *
 * Both steps are best effort: a failure is reported and tried again at a later write, because
 * the connection still says the step is not done (a failed webhook update waits `retryAfterMs`
 * first, so a workspace that keeps refusing it does not cost every write a dozen reads). Until
 * then the Attio -> Partnero direction recognises our echoes by the link's value hash alone,
 * which needs no actor (both layers: `shared/sync/echo-suppression.ts`). A webhook Attio no longer has is noted as done: there is nothing to filter.
 */
export class OwnActorLearning implements WriteObservers {
  private readonly webhookRetryAt = new Map<string, number>();

  constructor(private readonly deps: OwnActorLearningDependencies) {}

  forProgram(program: ProgramContext): WriteObserver | undefined {
    const connection = program.attioConnection;
    if (!connection || isSettled(connection)) return undefined;
    let settled = false;
    return {
      afterWrite: async (write) => {
        if (settled) return;
        const actor = connection.actor ?? (await this.learn(program.programId, connection, write));
        if (!actor) return;
        settled = true;
        if (connection.webhookId !== null && connection.webhookFilteredActorId !== actor.id)
          await this.filterWebhook(program, connection, connection.webhookId, actor);
      },
    };
  }

  private async learn(
    programId: string,
    connection: AttioConnection,
    write: Parameters<WriteObserver['afterWrite']>[0],
  ): Promise<AttioActor | undefined> {
    const learned = ownActorOfWrite({
      values: write.values,
      ownAttributes: write.sentAttributes.filter(isSyncAttribute),
      since: connection.connectedAt,
    });
    if (!learned) return undefined;
    try {
      return await this.deps.store.recordAttioActor(programId, connection.connectedAt, learned);
    } catch (error) {
      this.deps.onError?.('record-actor', error);
      return undefined;
    }
  }

  private async filterWebhook(
    program: ProgramContext,
    connection: AttioConnection,
    webhookId: string,
    actor: AttioActor,
  ): Promise<void> {
    const now = (this.deps.now ?? Date.now)();
    if ((this.webhookRetryAt.get(webhookId) ?? 0) > now) return;
    try {
      // Settings read again: a Save since the event began has already set the webhook to them.
      const { settings } = await this.deps.store.getSettings(program.programId);
      const attio = this.deps.attioFor(await program.attioAccessToken());
      await refreshAttioSubscriptions(attio, webhookId, settings, actor.id);
      await this.deps.store.recordWebhookActorFilter(program.programId, connection.connectedAt, webhookId, actor.id);
      this.webhookRetryAt.delete(webhookId);
    } catch (error) {
      this.webhookRetryAt.set(webhookId, now + (this.deps.retryAfterMs ?? 5 * 60_000));
      this.deps.onError?.('filter-webhook', error);
    }
  }
}

/** Our actor is known and the webhook (if any) already excludes it: nothing left to do. */
function isSettled(connection: AttioConnection): boolean {
  return (
    connection.actor !== null &&
    (connection.webhookId === null || connection.webhookFilteredActorId === connection.actor.id)
  );
}
