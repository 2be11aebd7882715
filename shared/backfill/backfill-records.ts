import * as z from 'zod';
import { linkedKinds } from '../sync/link-repository';

/** Partners first, then customers, then sales: a sale's deal links its buyer's person when that exists. */
export const backfillKinds = linkedKinds;
export type BackfillKind = (typeof backfillKinds)[number];

/** `connect`: runs asked by a connect, before the sync started at the first Save (kept to read old runs). */
export const backfillTriggers = ['sync-start', 'connect', 'admin', 'settings'] as const;
export type BackfillTrigger = (typeof backfillTriggers)[number];

/**
 * One kind of one run:
 *
 *   pending ──first page──▶ listing ──last page──▶ syncing ──every listed record processed──▶ done
 *
 * `total` counts records listed and enqueued so far (Partnero pages carry no totals), so it is
 * final once `listingComplete`. `done` counts records the worker processed, whatever the outcome.
 */
export const backfillKindStates = ['pending', 'listing', 'syncing', 'done'] as const;
export type BackfillKindState = (typeof backfillKindStates)[number];

export const backfillKindItemSchema = z.object({
  programId: z.string(),
  runId: z.string(),
  kind: z.enum(backfillKinds),
  state: z.enum(backfillKindStates),
  /** The checkpoint: the Partnero page to list next. */
  nextPage: z.number().int().positive(),
  listingComplete: z.boolean(),
  total: z.number().int().nonnegative(),
  done: z.number().int().nonnegative(),
  /** Of `done`, the records the worker refused (`rejected`): the audit says why. */
  rejected: z.number().int().nonnegative(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type BackfillKindItem = z.infer<typeof backfillKindItemSchema>;

export const backfillRunItemSchema = z.object({
  programId: z.string(),
  runId: z.string(),
  trigger: z.enum(backfillTriggers),
  kinds: z.array(z.enum(backfillKinds)),
  requestedAt: z.string(),
  startedAt: z.string().nullable(),
  /** Set by the runner's last page of the last kind: paging is over, the worker finishes the rest. */
  listedAt: z.string().nullable(),
  leaseOwner: z.string().nullable(),
  /** Epoch ms until which `leaseOwner` pages this program; an expired lease is free to take. */
  leaseUntil: z.number().nullable(),
});
export type BackfillRunItem = z.infer<typeof backfillRunItemSchema>;
