import type { Browser, Page } from 'playwright-core';
import { admin, registeredProgram } from '../connect/connect-world';
import { launchChromium, testOutputPath } from './headless-browser';
import { startSettingsWorld, type SettingsWorld } from './settings-world';

/**
 * Existing records on the settings page, in real headless Chromium against the local stack: the
 * backfill the first Save starts, its progress as the runner and the worker get through it, one
 * started from the Status tab, and the on-connect choices saved with the form.
 */
describe('Syncing existing records from the settings page', () => {
  let world: SettingsWorld;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    [world, browser] = await Promise.all([startSettingsWorld(), launchChromium()]);
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  });

  afterAll(async () => {
    await browser?.close();
    await world?.stop();
  });

  const partnerRow = () => page.locator('#backfill-progress tr[data-kind="partner"]');
  const summary = () => page.locator('[data-testid="backfill-summary"]');

  /** What the scheduled runner does every minute in AWS, then the worker draining what it queued. */
  async function runBackfillRunner(): Promise<void> {
    await world.stack.runScheduled('backfill-runner');
    await world.stack.waitUntilIdle(15_000);
  }

  it('starts nothing at connect, shows the backfill the first Save started reaching done, starts another one, and saves the on-connect choices', async () => {
    // Prepare: three partners that exist in Partnero before Attio is connected.
    const { programId } = await registeredProgram(world, 'backfill');
    const emails = ['ada@example.com', 'alan@example.com', 'grace@example.com'];
    for (const email of emails)
      world.partnero.control.partners.create(programId, {
        email,
        name: email.split('@')[0] ?? 'x',
        surname: 'Existing',
      });
    const link = (await admin(world, 'POST', `/admin/programs/${programId}/settings-links`, {})).json<{
      url: string;
    }>();
    await page.goto(link.url);
    await page.getByRole('button', { name: 'Connect with Attio' }).first().click();
    await page.waitForURL(/\?connected=1$/);
    // Act: connecting starts nothing; the first Save starts the sync and the backfill.
    await page.getByRole('tab', { name: 'Status' }).click();
    await page.locator('[data-testid="status-sync"]').filter({ hasText: 'Not started' }).waitFor();
    await page.locator('[data-testid="backfill-none"]').waitFor();
    await page.getByRole('tab', { name: /Deals/ }).click();
    await page.getByLabel('Won stage').selectOption({ label: 'Won 🎉' });
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.locator('#save-status').filter({ hasText: 'Saved · applies from the next event' }).waitFor();

    // Act: the Status tab, before the runner has paged Partnero.
    await page.getByRole('tab', { name: 'Status' }).click();
    await summary().waitFor();
    // Assess: the run the first Save asked for, partners only (the default).
    expect(await page.getByRole('heading', { name: 'Existing records' }).isVisible()).toBe(true);
    expect(await summary().textContent()).toContain('Waiting to start · asked when the sync started');
    expect(await page.locator('#backfill-progress tbody tr').count()).toBe(1);
    expect(await partnerRow().textContent()).toContain('0 of 0 so far · counting…');

    // Act: the runner lists the partners and the worker syncs them; the open tab polls.
    await runBackfillRunner();
    await page.locator('#backfill-progress tr[data-kind="partner"][data-state="done"]').waitFor({ timeout: 10_000 });
    // Assess
    expect(await partnerRow().locator('[data-testid="backfill-count"]').textContent()).toBe('3 of 3');
    expect(await partnerRow().textContent()).toContain('Done');
    expect(await summary().getAttribute('data-state')).toBe('done');
    const people = JSON.stringify(world.attio.control.records('people', world.workspaceId));
    for (const email of emails) expect(people).toContain(email);

    // Act: asking with no kind chosen is refused on the page, in the live region.
    const partnersBox = page.getByRole('checkbox', { name: 'Partners' });
    expect(await partnersBox.isChecked()).toBe(true);
    await partnersBox.uncheck();
    await page.getByRole('button', { name: 'Sync existing records' }).click();
    // Assess
    const answer = page.locator('#backfill-answer');
    expect(await answer.getAttribute('aria-live')).toBe('polite');
    expect(await answer.textContent()).toBe('Choose at least one kind of record to sync.');

    // Act: partners again, from this page, and customers, whose sync is off.
    await partnersBox.check();
    await page.getByRole('checkbox', { name: 'Customers' }).check();
    await page.getByRole('button', { name: 'Sync existing records' }).click();
    await answer.filter({ hasText: 'Started: existing partners are being synced to Attio.' }).waitFor();
    // Assess
    expect(await answer.textContent()).toContain('Left out because their sync is off: customers.');
    expect(await summary().textContent()).toContain('asked from this page');
    expect(await page.locator('#backfill-progress tbody tr').count()).toBe(1);
    // Act
    await runBackfillRunner();
    await page.locator('[data-testid="backfill-summary"][data-state="done"]').waitFor({ timeout: 10_000 });
    // Assess: announced once done; the same three, matched again rather than duplicated.
    expect(await answer.textContent()).toBe('Existing records synced: 3 of 3 partners.');
    expect(await partnerRow().locator('[data-testid="backfill-count"]').textContent()).toBe('3 of 3');
    expect(await summary().textContent()).toContain('asked from this page');
    expect(
      (world.attio.control.records('people', world.workspaceId) as unknown[]).filter((person) =>
        emails.some((email) => JSON.stringify(person).includes(email)),
      ),
    ).toHaveLength(3);
    await page.screenshot({ path: testOutputPath('settings-backfill.png'), fullPage: true });

    // Act: the on-connect choices, saved with the form.
    await page.getByRole('tab', { name: /Customers/ }).click();
    const customersOnConnect = page.getByRole('checkbox', { name: 'Sync existing customers' });
    expect(await customersOnConnect.isChecked()).toBe(false);
    await customersOnConnect.check();
    await page.getByRole('tab', { name: /Partners/ }).click();
    await page.getByRole('checkbox', { name: 'Sync existing partners' }).uncheck();
    await page.getByRole('tab', { name: /Deals/ }).click();
    await page.getByLabel('Won stage').selectOption({ label: 'Won 🎉' });
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.locator('#save-status').filter({ hasText: 'Saved · applies from the next event' }).waitFor();
    // Assess
    expect((await world.programs.getSettings(programId)).settings.backfill).toEqual({
      onConnect: { partners: false, customers: true, transactions: false },
    });
  });
});
