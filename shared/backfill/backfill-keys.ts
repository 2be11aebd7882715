import { keys } from '../store/keys';

/**
 * Where a program's backfill lives in the sync table:
 *
 *   pk                  sk                    item
 *   PROGRAM#<id>        BACKFILL              the run: id, trigger, kinds, the runner's lease
 *   PROGRAM#<id>        BACKFILL#<kind>       per kind: checkpoint (next page), listed, done, state
 *   BACKFILL_ACTIVE     <programId>           the runner's work list: runs still paging Partnero
 *
 * The run and its kinds sit in the program's partition, so removing a program removes them; the
 * work-list entry of a removed program is dropped by the runner when it finds no registration.
 */
export const backfillKeys = {
  programPartition: keys.programPartition,
  run: 'BACKFILL',
  kind: (kind: string) => `BACKFILL#${kind}`,
  activePartition: 'BACKFILL_ACTIVE',
} as const;
