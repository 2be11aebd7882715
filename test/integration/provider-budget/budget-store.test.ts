import { GetCommand } from '../../../shared/aws/dynamodb-document-client';
import { BudgetExhaustedError } from '../../../shared/errors';
import { DynamoBudgetStore, takenAttribute, windowAttribute } from '../../../shared/provider-budget/budget-store';
import { slotOf, windowOf } from '../../../shared/provider-budget/budget-window';
import { ProviderBudget } from '../../../shared/provider-budget/provider-budget';
import { attioWorkspaceLimits } from '../../../shared/provider-budget/provider-limits';
import { keys } from '../../../shared/store/keys';
import type { SyncTable } from '../../../shared/store/sync-table';
import { freshSyncTable } from '../../support/sync-table-fixture';

/** The start of a second a little ahead: the items' TTL (a day after their window) must lie in the future. */
function aWindowAhead(): number {
  return (Math.floor(Date.now() / 1000) + 5) * 1000;
}

describe('DynamoBudgetStore on DynamoDB Local', () => {
  let table: SyncTable;
  let close: () => void;

  beforeAll(async () => {
    const fixture = await freshSyncTable('budget');
    table = fixture.table;
    close = fixture.close;
  });
  afterAll(() => close());

  it('lets containers racing for one window take exactly the limit between them, counted in one item', async () => {
    // Prepare: six containers of one worker, one fixed instant inside a window.
    const now = aWindowAhead() + 250;
    const store = new DynamoBudgetStore(table);
    const containers = Array.from(
      { length: 6 },
      () =>
        new ProviderBudget(store, {
          provider: 'attio',
          limits: attioWorkspaceLimits,
          claimAlongside: ['read'],
          now: () => now,
        }),
    );

    // Act: each tries 10 writes at once.
    const outcomes = await Promise.all(
      containers.flatMap((budget) =>
        Array.from({ length: 10 }, () =>
          budget.spend('ws-race', 'write').then(
            () => 'spent',
            (error: unknown) => {
              if (error instanceof BudgetExhaustedError) return 'exhausted';
              throw error;
            },
          ),
        ),
      ),
    );

    // Assess
    expect(outcomes.filter((outcome) => outcome === 'spent')).toHaveLength(25);
    const item = await table.client.send(
      new GetCommand({
        TableName: table.tableName,
        Key: { pk: keys.providerBudgetPartition('attio', 'ws-race'), sk: keys.providerBudgetWindows },
      }),
    );
    const slot = slotOf(windowOf(now));
    expect(item.Item).toMatchObject({ [windowAttribute(slot)]: windowOf(now), [takenAttribute(slot, 'write')]: 25 });
    expect(item.Item?.[takenAttribute(slot, 'read')]).toBeLessThanOrEqual(100);
    // The coming windows were opened ahead by one container and taken beside it by one more: two blocks each.
    const next = slotOf(windowOf(now) + 1);
    expect(item.Item).toMatchObject({
      [windowAttribute(next)]: windowOf(now) + 1,
      [takenAttribute(next, 'write')]: 10,
    });
  });

  it('starts the next window from nothing', async () => {
    // Prepare
    let now = aWindowAhead() + 900;
    const budget = new ProviderBudget(new DynamoBudgetStore(table), {
      provider: 'partnero',
      limits: { request: { perSecond: 2, block: 2 } },
      now: () => now,
    });
    await budget.spend('prog-1', 'request');
    await budget.spend('prog-1', 'request');
    const spent = await budget.spend('prog-1', 'request').catch((caught: unknown) => caught);

    // Act
    now += 100;
    await budget.spend('prog-1', 'request');

    // Assess
    expect(spent).toBeInstanceOf(BudgetExhaustedError);
    expect((spent as BudgetExhaustedError).retryAfterMs).toBe(100);
    const item = await table.client.send(
      new GetCommand({
        TableName: table.tableName,
        Key: { pk: keys.providerBudgetPartition('partnero', 'prog-1'), sk: keys.providerBudgetWindows },
      }),
    );
    // Its block was taken ahead with the first window's: the next second started without a claim of its own.
    const slot = slotOf(windowOf(now));
    expect(item.Item).toMatchObject({ [windowAttribute(slot)]: windowOf(now), [takenAttribute(slot, 'request')]: 2 });
  });
});
