import { GetCommand, UpdateCommand } from '../aws/dynamodb-document-client';
import { keys } from '../store/keys';
import type { SyncTable } from '../store/sync-table';
import { BUDGET_SLOTS, slotOf, type BudgetLimits, type StoredBudget, type WindowClaim } from './budget-window';

export type ClaimResult =
  { readonly claimed: true } | { readonly claimed: false; readonly stored: StoredBudget | undefined };

/** Where a budget's windows are counted, shared by every container. */
export interface BudgetStore {
  /** Applies a plan's claims atomically, all or none; when another container got there first, answers the item as it now is. */
  claim<Kind extends string>(
    budget: BudgetKey,
    claims: readonly WindowClaim<Kind>[],
    limits: BudgetLimits<Kind>,
  ): Promise<ClaimResult>;
}

export interface BudgetKey {
  readonly provider: string;
  /** The workspace (Attio) or program (Partnero) the provider limits. */
  readonly scope: string;
}

/** A budget item outlives its windows only to be found again soon; an idle workspace's item goes away. */
const BUDGET_ITEM_TTL_SECONDS = 24 * 3600;

/**
 * One item per budget (`BUDGET#<provider>#<scope>`, `WINDOWS`) with BUDGET_SLOTS slots, slot
 * `s` holding the window it counts (`w<s>`) and one count per kind (`s<s>_<kind>`), changed only
 * by conditional updates, one per claim, each window of the claim in its own slot:
 *
 *   open: SET w<s> = w, s<s>_k = n (every kind; 0 when not claimed)   IF no w<s> yet OR w<s> < w
 *   add:  SET s<s>_k = s<s>_k + n (claimed kinds)                     IF w<s> = w AND s<s>_k <= limit_k - n
 *
 * A refused update returns the item as it was (ReturnValuesOnConditionCheckFailure), so the
 * next plan needs no read. Each update is one write unit (the item stays far below 1 KB).
 */
export class DynamoBudgetStore implements BudgetStore {
  constructor(private readonly table: SyncTable) {}

  async claim<Kind extends string>(
    budget: BudgetKey,
    claims: readonly WindowClaim<Kind>[],
    limits: BudgetLimits<Kind>,
  ): Promise<ClaimResult> {
    const kinds = Object.keys(limits) as Kind[];
    const latest = Math.max(...claims.map((claim) => claim.window));
    const names: Record<string, string> = {};
    const values: Record<string, number> = { ':expires': latest + BUDGET_ITEM_TTL_SECONDS };
    const sets = ['expiresAt = :expires'];
    const conditions: string[] = [];
    claims.forEach((claim, index) => {
      const slot = slotOf(claim.window);
      const windowName = `#w${slot}`;
      names[windowName] = windowAttribute(slot);
      values[`:w${index}`] = claim.window;
      if (claim.action === 'open') {
        sets.push(`${windowName} = :w${index}`);
        conditions.push(`(attribute_not_exists(${windowName}) OR ${windowName} < :w${index})`);
      } else {
        conditions.push(`${windowName} = :w${index}`);
      }
      kinds.forEach((kind, kindIndex) => {
        const name = `#s${slot}k${kindIndex}`;
        const tokens = claim.tokens[kind] ?? 0;
        const value = `:n${index}k${kindIndex}`;
        if (claim.action === 'open') {
          names[name] = takenAttribute(slot, kind);
          values[value] = tokens;
          sets.push(`${name} = ${value}`);
        } else if (tokens > 0) {
          names[name] = takenAttribute(slot, kind);
          values[value] = tokens;
          // A block beside another container's holds only while the window is as quiet as when planned.
          values[`:max${index}k${kindIndex}`] = Math.min(
            limits[kind].perSecond - tokens,
            claim.takenAtMost?.[kind] ?? Number.POSITIVE_INFINITY,
          );
          values[':zero'] = 0;
          sets.push(`${name} = if_not_exists(${name}, :zero) + ${value}`);
          conditions.push(`(attribute_not_exists(${name}) OR ${name} <= :max${index}k${kindIndex})`);
        }
      });
    });
    const key = { pk: keys.providerBudgetPartition(budget.provider, budget.scope), sk: keys.providerBudgetWindows };
    try {
      await this.table.client.send(
        new UpdateCommand({
          TableName: this.table.tableName,
          Key: key,
          UpdateExpression: `SET ${sets.join(', ')}`,
          ConditionExpression: conditions.join(' AND '),
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return { claimed: true };
    } catch (error) {
      if ((error as { name?: string }).name !== 'ConditionalCheckFailedException') throw error;
      const returned = (error as { Item?: Record<string, unknown> }).Item;
      if (returned) return { claimed: false, stored: storedBudgetOf(returned, kinds) };
      // An emulator that does not return the item: read it (a read unit, not a write).
      const read = await this.table.client.send(
        new GetCommand({ TableName: this.table.tableName, Key: key, ConsistentRead: true }),
      );
      return { claimed: false, stored: read.Item ? storedBudgetOf(read.Item, kinds) : undefined };
    }
  }
}

export function windowAttribute(slot: number): string {
  return `w${slot}`;
}

export function takenAttribute(slot: number, kind: string): string {
  return `s${slot}_${kind}`;
}

/** Reads the item either as plain numbers (document client) or as raw `{ N: "…" }` values (the exception's ALL_OLD). */
function storedBudgetOf(item: Record<string, unknown>, kinds: readonly string[]): StoredBudget {
  const slots = [];
  for (let slot = 0; slot < BUDGET_SLOTS; slot += 1) {
    const window = numberOf(item[windowAttribute(slot)]);
    if (window === undefined) continue;
    const taken = Object.fromEntries(kinds.map((kind) => [kind, numberOf(item[takenAttribute(slot, kind)]) ?? 0]));
    slots.push({ window, taken });
  }
  return slots;
}

function numberOf(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'object' && value !== null && typeof (value as { N?: unknown }).N === 'string')
    return Number((value as { N: string }).N);
  return undefined;
}
