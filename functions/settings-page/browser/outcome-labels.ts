/** Kept for the modules that name outcomes without an entry; the page's words live in plain-words.ts. */
export { directionLabels } from './plain-words';
import { outcomeBadge } from './plain-words';

/** The badge of a record event's outcome ("Synced", "Failed"…). */
export function outcomeLabel(outcome: string): { label: string; tone: string } {
  return outcomeBadge({ outcome: outcome as never, direction: 'partnero-to-attio' });
}
