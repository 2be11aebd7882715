import { GetCommand, UpdateCommand } from '../aws/dynamodb-document-client';
import { keys } from '../store/keys';
import type { SyncTable } from '../store/sync-table';
import type { BudgetLimits, ClaimPlan, StoredWindow } from './budget-window';

export type ClaimResult =
  { readonly claimed: true } | { readonly claimed: false; readonly stored: StoredWindow | undefined };

/** Where a budget's current window is counted, shared by every container. */
export interface BudgetStore {
  /** Applies an `open` or `add` plan atomically; when another container got there first, answers the item as it now is. */
  claim<Kind extends string>(
    budget: BudgetKey,
    plan: Extract<ClaimPlan<Kind>, { action: 'open' | 'add' }>,
    limits: BudgetLimits<Kind>,
  ): Promise<ClaimResult>;
}

export interface BudgetKey {
  readonly provider: string;
  /** The workspace (Attio) or program (Partnero) the provider limits. */
  readonly scope: string;
}

/** A budget item outlives its window only to be found again soon; an idle workspace's item goes away. */
const BUDGET_ITEM_TTL_SECONDS = 24 * 3600;

/**
 * One item per budget (`BUDGET#<provider>#<scope>`, `WINDOW`) holding the window and one count
 * per kind, changed only by conditional updates:
 *
 *   open: SET window = w, taken_k = n (every kind; 0 when not claimed)   IF no window yet OR window < w
 *   add:  SET taken_k = taken_k + n (claimed kinds)                      IF window = w AND taken_k <= limit_k - n
 *
 * A refused update returns the item as it was (ReturnValuesOnConditionCheckFailure), so the
 * next plan needs no read. Each update is one write unit (the item is far below 1 KB).
 */
export class DynamoBudgetStore implements BudgetStore {
  constructor(private readonly table: SyncTable) {}

  async claim<Kind extends string>(
    budget: BudgetKey,
    plan: Extract<ClaimPlan<Kind>, { action: 'open' | 'add' }>,
    limits: BudgetLimits<Kind>,
  ): Promise<ClaimResult> {
    const kinds = Object.keys(limits) as Kind[];
    const names: Record<string, string> = { '#window': 'window' };
    const values: Record<string, number> = { ':w': plan.window, ':expires': plan.window + BUDGET_ITEM_TTL_SECONDS };
    const sets = ['#window = :w', 'expiresAt = :expires'];
    const conditions: string[] = [];
    kinds.forEach((kind, index) => {
      const name = `#t${index}`;
      names[name] = takenAttribute(kind);
      const tokens = plan.tokens[kind] ?? 0;
      if (plan.action === 'open') {
        values[`:n${index}`] = tokens;
        sets.push(`${name} = :n${index}`);
      } else if (tokens > 0) {
        values[`:n${index}`] = tokens;
        values[`:max${index}`] = limits[kind].perSecond - tokens;
        values[':zero'] = 0;
        sets.push(`${name} = if_not_exists(${name}, :zero) + :n${index}`);
        conditions.push(`(attribute_not_exists(${name}) OR ${name} <= :max${index})`);
      }
    });
    const condition =
      plan.action === 'open'
        ? '(attribute_not_exists(#window) OR #window < :w)'
        : ['#window = :w', ...conditions].join(' AND ');
    const key = { pk: keys.providerBudgetPartition(budget.provider, budget.scope), sk: keys.providerBudgetWindow };
    try {
      await this.table.client.send(
        new UpdateCommand({
          TableName: this.table.tableName,
          Key: key,
          UpdateExpression: `SET ${sets.join(', ')}`,
          ConditionExpression: condition,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return { claimed: true };
    } catch (error) {
      if ((error as { name?: string }).name !== 'ConditionalCheckFailedException') throw error;
      const returned = (error as { Item?: Record<string, unknown> }).Item;
      if (returned) return { claimed: false, stored: storedWindowOf(returned, kinds) };
      // An emulator that does not return the item: read it (a read unit, not a write).
      const read = await this.table.client.send(
        new GetCommand({ TableName: this.table.tableName, Key: key, ConsistentRead: true }),
      );
      return { claimed: false, stored: read.Item ? storedWindowOf(read.Item, kinds) : undefined };
    }
  }
}

function takenAttribute(kind: string): string {
  return `taken_${kind}`;
}

/** Reads the item either as plain numbers (document client) or as raw `{ N: "…" }` values (the exception's ALL_OLD). */
function storedWindowOf(item: Record<string, unknown>, kinds: readonly string[]): StoredWindow | undefined {
  const window = numberOf(item.window);
  if (window === undefined) return undefined;
  return { window, taken: Object.fromEntries(kinds.map((kind) => [kind, numberOf(item[takenAttribute(kind)]) ?? 0])) };
}

function numberOf(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'object' && value !== null && typeof (value as { N?: unknown }).N === 'string')
    return Number((value as { N: string }).N);
  return undefined;
}
