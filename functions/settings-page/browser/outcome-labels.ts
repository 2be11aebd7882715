import type { AuditDirection } from '../../../shared/sync/audit-log';

/** How the page names what became of an event (the audit outcome), and the badge tone for it. */
export const outcomeLabels: Readonly<Record<string, { label: string; tone: string }>> = {
  applied: { label: 'Synced', tone: 'ok' },
  noop: { label: 'No change', tone: 'muted' },
  echo: { label: 'Own change', tone: 'info' },
  stale: { label: 'Outdated', tone: 'muted' },
  'skipped-by-settings': { label: 'Skipped', tone: 'warn' },
  rejected: { label: 'Rejected', tone: 'bad' },
  conflict: { label: 'Conflict', tone: 'bad' },
  failed: { label: 'Failed', tone: 'bad' },
  ignored: { label: 'Not used', tone: 'muted' },
  parked: { label: 'Kept for replay', tone: 'warn' },
};

export function outcomeLabel(outcome: string): { label: string; tone: string } {
  return outcomeLabels[outcome] ?? { label: outcome, tone: 'muted' };
}

export const directionLabels: Readonly<Record<AuditDirection, string>> = {
  'partnero-to-attio': 'Partnero → Attio',
  'attio-to-partnero': 'Attio → Partnero',
  settings: 'Settings',
  backfill: 'Backfill',
  reconciliation: 'Reconciliation',
};
