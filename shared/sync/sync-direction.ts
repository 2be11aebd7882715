/**
 * The two directions of the sync. Each has its own queue and worker (`shared/queue/sync-queues.ts`),
 * its own audit partition and its own circuit-breaker counts; the name lives here, with the sync,
 * so that the sync's own modules need nothing from the queue layer that feeds them.
 */
export const syncDirections = ['partnero-to-attio', 'attio-to-partnero'] as const;
export type SyncDirection = (typeof syncDirections)[number];
