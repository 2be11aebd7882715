import * as z from 'zod';
import { attioActorSchema } from './schemas';

/**
 * Which Attio actor writes made with the program's token carry: what the sync needs to know its
 * own echoes by, in the Attio webhook filter (`actor.id not_equals <ours>`) and in the receiver.
 *
 * What Attio gives (checked 2026-12):
 * - `GET /v2/self` (OpenAPI) names the token's workspace, scopes, `client_id` and the member who
 *   `authorized_by_workspace_member_id`, but no actor: the token's own actor id is not in it.
 * - The actors page (https://docs.attio.com/docs/actors) lists `workspace-member`, `api-token`
 *   ("an integration using the developer API … a unique UUID for the token") and `system`
 *   (always a `null` id). The OpenAPI actor enum also has `app`, which no page describes, and
 *   marks both `type` and `id` nullable. No source says which type an OAuth app's token writes
 *   as; the one recorded response found (a note created with a token) shows `api-token`.
 * - "Every attribute value write … includes the actor who wrote it" (`created_by_actor`), and an
 *   unchanged value keeps the actor of whoever wrote it first.
 * - Public integrations that filter their own Attio echoes were not found; the reference notes
 *   (attio-api.md §2) suggest learning the actor from a value one wrote, which is what this does.
 *
 * So the actor is learned from the sync's first real write, from Attio's answer to it, and only
 * where that answer cannot name someone else:
 * - only values of attributes the sync alone writes (its `partnero_*` attributes), never a mapped
 *   one such as an email, which may be unchanged and still carry a sales rep's actor;
 * - only `api-token` or `app` actors with an id: a `system` actor, a null type or id, and a
 *   `workspace-member` are never ours (were an OAuth token's writes ever named after the member
 *   who authorized it, filtering that actor would drop the member's own edits);
 * - only values that became active since the connection began, so a value an earlier connection's
 *   token wrote does not pass for this one's;
 * - and only when those values agree on one actor.
 * Anything else is "not known yet": echoes are then recognised by the link's value hash alone.
 */

export type OwnActor = { readonly type: 'api-token' | 'app'; readonly id: string };

const ownActorTypes = ['api-token', 'app'] as const;

const writtenValueSchema = z
  .object({
    active_from: z.string().nullable().optional(),
    active_until: z.string().nullable().optional(),
    created_by_actor: attioActorSchema.extend({ type: z.string().nullable() }).nullable().optional(),
  })
  .loose();

export interface WrittenValues {
  /** The record's values as Attio answered the write (create, assert or update), by attribute slug. */
  readonly values: Readonly<Record<string, readonly unknown[] | undefined>>;
  /** The attributes the sync alone writes that this write sent. */
  readonly ownAttributes: readonly string[];
  /** When the program's Attio connection began (ISO): older values are another token's. */
  readonly since: string;
}

/** The actor behind the sync's own values in a write's answer, or null when it cannot be told for sure. */
export function ownActorOfWrite(write: WrittenValues): OwnActor | null {
  const since = Date.parse(write.since);
  const found = new Map<string, OwnActor>();
  for (const slug of write.ownAttributes) {
    for (const raw of write.values[slug] ?? []) {
      const value = writtenValueSchema.safeParse(raw);
      if (!value.success) continue;
      const { active_from: activeFrom, active_until: activeUntil, created_by_actor: actor } = value.data;
      if (activeUntil !== null && activeUntil !== undefined) continue;
      if (
        !actor ||
        actor.id == null ||
        actor.type == null ||
        !(ownActorTypes as readonly string[]).includes(actor.type)
      )
        continue;
      const activeAt = activeFrom ? Date.parse(activeFrom) : Number.NaN;
      if (!(activeAt >= since)) continue;
      found.set(`${actor.type}\n${actor.id}`, { type: actor.type as OwnActor['type'], id: actor.id });
    }
  }
  return found.size === 1 ? ([...found.values()][0] as OwnActor) : null;
}
