/**
 * What became of one event, in the audit trail and in the metrics. `conflict`: the change would
 * have taken over an Attio record that belongs to another Partnero record, so nothing was written.
 * `ignored` and `parked` are the webhook routes' own: a signed delivery of an event the sync does
 * not use, and one it could not read, kept for replay.
 */
export const syncOutcomes = [
  'applied',
  'noop',
  'echo',
  'stale',
  'skipped-by-settings',
  'rejected',
  'conflict',
  'failed',
  'ignored',
  'parked',
] as const;
export type SyncOutcome = (typeof syncOutcomes)[number];
