/**
 * What became of one event, in the audit trail and in the metrics. `conflict`: the change would
 * have taken over an Attio record that belongs to another Partnero record, so nothing was written.
 */
export const syncOutcomes = ['applied', 'noop', 'echo', 'stale', 'skipped-by-settings', 'rejected', 'conflict', 'failed'] as const;
export type SyncOutcome = (typeof syncOutcomes)[number];
