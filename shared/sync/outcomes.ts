/** What became of one event, in the audit trail and in the metrics. */
export const syncOutcomes = ['applied', 'noop', 'echo', 'stale', 'skipped-by-settings', 'rejected', 'failed'] as const;
export type SyncOutcome = (typeof syncOutcomes)[number];
