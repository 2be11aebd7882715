import type { Browser, Page } from 'playwright-core';
import { defaultPartnerPerformance } from '../../../shared/programs/program-settings';
import { admin, registeredProgram } from '../connect/connect-world';
import { launchChromium, testOutputPath } from './headless-browser';
import { startSettingsWorld, type SettingsWorld } from './settings-world';

/**
 * The settings page as a program owner uses it, in real headless Chromium against the local
 * stack and both simulators: open the signed link, connect Attio through the simulator's
 * OAuth redirect, configure the three tabs, save, watch the next Partnero event sync with the
 * saved settings, and read the status panel.
 */
describe('The settings page in a real browser', () => {
  let world: SettingsWorld;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    [world, browser] = await Promise.all([startSettingsWorld(), launchChromium()]);
  });

  afterAll(async () => {
    await browser?.close();
    await world?.stop();
  });

  beforeEach(async () => {
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  });

  afterEach(async () => {
    await page.close();
  });

  async function openSignedLink(programId: string): Promise<void> {
    const link = (await admin(world, 'POST', `/admin/programs/${programId}/settings-links`, {})).json<{
      url: string;
    }>();
    await page.goto(link.url);
  }

  const saveStatus = () => page.locator('#save-status');

  it('connects, configures partners, customers and deals, saves, and shows the next event in the status panel', async () => {
    // Prepare
    const { programId } = await registeredProgram(world, 'browser');

    // Act: the signed link opens the page and drops the token from the address bar.
    await openSignedLink(programId);
    // Assess
    expect(new URL(page.url()).pathname).toBe(`/settings/${programId}`);
    expect(page.url()).not.toContain('token=');
    expect(await page.locator('h1').textContent()).toBe('Attio integration');
    expect(await page.locator('#connection-pill').textContent()).toContain('Not connected');

    // Act: Connect with Attio: our route, the simulator's authorize page (auto-approved), our callback.
    await page.getByRole('button', { name: 'Connect with Attio' }).first().click();
    await page.waitForURL(/\?connected=1$/);
    // Assess
    expect(await page.locator('#flash').textContent()).toContain('Attio is connected');
    expect(await page.locator('#connection-pill').textContent()).toContain('Connected to Acme Sales');
    await saveStatus().filter({ hasText: 'Defaults: not saved yet' }).waitFor();
    // The stylesheet applies (the product look, not browser defaults).
    expect(
      await page
        .getByRole('button', { name: 'Save changes' })
        .evaluate((element) => getComputedStyle(element).backgroundColor),
    ).toBe('rgb(79, 70, 229)');

    // Act: Partners go to People, with two more fields mapped.
    const partnerObject = page.getByLabel('Attio object for partners');
    await partnerObject.selectOption({ label: 'People' });
    await page.getByRole('button', { name: 'Add a field' }).click();
    await page.getByLabel('Partnero field, row 3').selectOption({ label: 'Referral key' });
    await page.getByLabel('Attio attribute for row 3').selectOption({ label: 'Job title · Text' });
    await page.getByRole('button', { name: 'Add a field' }).click();
    await page.getByLabel('Partnero field, row 4').selectOption({ label: 'Approved' });
    // An incompatible attribute is listed disabled, with the reason, before anyone picks it.
    const phone = page
      .getByLabel('Attio attribute for row 4')
      .locator('option', { hasText: 'Phone numbers · Phone number' });
    // Assess
    expect(await phone.textContent()).toBe('Phone numbers · Phone number — cannot hold yes or no');
    expect(await phone.isDisabled()).toBe(true);
    expect(await phone.getAttribute('title')).toContain('Choose a Checkbox or Text attribute');
    expect(await page.locator('#partners-map-3-field-type').textContent()).toBe('Holds yes or no');

    // Act: saving with row 4 still empty keeps it unsaved and points at the field, from another tab.
    // One Save reports every problem: the empty row (a shape problem) and the missing won stage (a rule).
    await page.getByRole('tab', { name: 'Deals' }).click();
    await page.getByRole('button', { name: 'Save changes' }).click();
    // Assess
    await saveStatus().filter({ hasText: '2 fields need attention' }).waitFor();
    expect(await page.getByRole('tab', { name: /Partners/ }).getAttribute('aria-selected')).toBe('true');
    expect(await page.locator('#tab-partners-badge').textContent()).toBe('1');
    expect(await page.locator('#tab-deals-badge').textContent()).toBe('1');
    expect(await page.locator('#panel-partners .field-error').textContent()).toContain('Choose an Attio attribute');
    expect(await page.locator('#panel-deals .field-error').textContent()).toContain(
      'Choose the deal stage that means "won"',
    );
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('partners-map-3-attribute');
    expect(await page.getByLabel('Attio attribute for row 4').getAttribute('aria-invalid')).toBe('true');
    expect(await world.programs.getSettings(programId)).toMatchObject({ version: 0 });

    // Act: a compatible attribute clears the message.
    await page.getByLabel('Attio attribute for row 4').selectOption({ label: 'Description · Text' });
    // Assess
    expect(await page.locator('#panel-partners .field-error').count()).toBe(0);

    // Act: the keyboard reaches the Customers tab (arrow keys move between tabs) and turns customers on.
    await page.getByRole('tab', { name: /Partners/ }).focus();
    await page.keyboard.press('ArrowRight');
    // Assess
    expect(await page.getByRole('tab', { name: /Customers/ }).getAttribute('aria-selected')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('tab-customers');
    // Act
    const customersSwitch = page.getByRole('switch', { name: 'Sync customers' });
    expect(await customersSwitch.isChecked()).toBe(false);
    await customersSwitch.focus();
    await page.keyboard.press('Space');
    // Assess
    expect(await customersSwitch.isChecked()).toBe(true);

    // Act: with row 4 filled in, saving before a won stage is chosen is still refused, on the Deals tab.
    await page.getByRole('tab', { name: /Deals/ }).click();
    await page.getByRole('button', { name: 'Save changes' }).click();
    // Assess
    await saveStatus().filter({ hasText: '1 field needs attention' }).waitFor();
    expect(await page.getByRole('tab', { name: /Deals/ }).getAttribute('aria-selected')).toBe('true');
    expect(await page.locator('#tab-deals-badge').textContent()).toBe('1');
    expect(await page.locator('#tab-partners-badge').isHidden()).toBe(true);
    expect(await page.locator('#panel-deals .field-error').textContent()).toContain(
      'Choose the deal stage that means "won"',
    );
    expect(await page.getByLabel('Won stage').getAttribute('aria-invalid')).toBe('true');
    expect(await world.programs.getSettings(programId)).toMatchObject({ version: 0 });

    // Act: the won stage, from Attio's live list.
    const wonStage = page.getByLabel('Won stage');
    const stageTitles = await wonStage.locator('option').allTextContents();
    await wonStage.selectOption({ label: 'Won 🎉' });
    await page.getByRole('button', { name: 'Save changes' }).click();
    // Assess
    expect(stageTitles).toEqual(['Choose a stage…', 'Lead', 'In Progress', 'Won 🎉', 'Lost']);
    await saveStatus().filter({ hasText: 'Saved · applies from the next event' }).waitFor();
    const saved = await world.programs.getSettings(programId);
    expect(saved.version).toBe(1);
    expect(saved.settings.partners).toEqual({
      enabled: true,
      targetObject: 'people',
      fieldMappings: [
        { partneroField: 'email', attioAttribute: 'email_addresses' },
        { partneroField: 'full_name', attioAttribute: 'name' },
        { partneroField: 'key', attioAttribute: 'job_title' },
        { partneroField: 'approved', attioAttribute: 'description' },
      ],
      // Partner figures (issue 17) were not touched: the defaults are saved with the rest.
      performance: defaultPartnerPerformance(),
    });
    expect(saved.settings.customers.enabled).toBe(true);
    const wonStageId = await wonStage.inputValue();
    expect(saved.settings.deals.wonStageId).toBe(wonStageId);

    // Act: the next Partnero event uses the saved mapping, without a restart.
    const partner = world.partnero.control.partners.create(programId, {
      email: 'grace@example.com',
      name: 'Grace',
      surname: 'Hopper',
      key: 'gracehopper',
    });
    await world.partnero.control.flushDeliveries();
    await world.stack.waitUntilIdle(30_000);
    // Assess
    const people = world.attio.control.records('people', world.workspaceId) as {
      values: Record<string, { value?: unknown }[]>;
    }[];
    const grace = people.find((person) =>
      JSON.stringify(person.values.email_addresses ?? []).includes('grace@example.com'),
    );
    expect(grace?.values.job_title?.[0]?.value).toBe('gracehopper');

    // Act: the status panel.
    await page.getByRole('tab', { name: 'Status' }).click();
    const status = page.locator('#panel-status-body');
    await status.getByRole('heading', { name: 'Last events · Partnero → Attio' }).waitFor();
    // Assess
    expect(await status.locator('[data-testid="status-workspace"]').textContent()).toBe('Acme Sales');
    expect(await status.locator('[data-testid="status-sync"]').textContent()).toBe('Started');
    const health = await status.locator('.health-item').allTextContents();
    expect(health).toHaveLength(2);
    for (const item of health) expect(item).toContain('Healthy');
    expect(await status.locator('[data-testid="status-dlq"]').textContent()).toBe('Empty');
    const eventRows = await status.locator('section:has(#recent-p2a) tbody tr').allTextContents();
    expect(
      eventRows.some(
        (row) => row.includes('Partner created') && row.includes(`Partner ${partner.id}`) && row.includes('Synced'),
      ),
    ).toBe(true);
    expect(await status.textContent()).toContain('settings version 1');
    await page.screenshot({ path: testOutputPath('settings-page.png'), fullPage: true });

    // Act: the History tab, newest first.
    await page.getByRole('tab', { name: 'History' }).click();
    const history = page.locator('#panel-history-body');
    await history.locator('tbody tr').first().waitFor();
    // Assess
    // Newest first: the partner's event, then (older) the Save that started the sync. Attio's
    // echo of our own write may come after it: our actor is only learned from that first write.
    const rows = await history.locator('tbody tr').allTextContents();
    const partnerRow = rows.findIndex((row) => row.includes('Partner created'));
    expect(partnerRow).toBeGreaterThanOrEqual(0);
    expect(rows[partnerRow]).toContain('Partnero → Attio');
    expect(rows[partnerRow]).toContain('Synced');
    expect(rows.findIndex((row) => row.includes('Settings saved') && row.includes('Done'))).toBeGreaterThan(partnerRow);
    expect(rows.findIndex((row) => row.includes('Sync started'))).toBeGreaterThan(partnerRow);

    // Act: one record's history, from the table.
    await history
      .getByRole('button', { name: `Partner ${partner.id}` })
      .first()
      .click();
    await history
      .locator('#history-summary')
      .filter({ hasText: `for Partner ${partner.id}` })
      .waitFor();
    // Assess
    expect(await page.getByLabel('Record', { exact: true }).inputValue()).toBe(`partner:${partner.id}`);
    const recordRows = await history.locator('tbody tr').allTextContents();
    expect(recordRows.length).toBeGreaterThan(0);
    for (const row of recordRows) expect(row).toContain(`Partner ${partner.id}`);
  });

  it('pages through the sync history and filters it to one record from the keyboard, without saving anything', async () => {
    // Prepare: a program with more history than one page, not connected to Attio.
    const { programId } = await registeredProgram(world, 'history');
    const start = Date.parse('2026-11-20T09:00:00.000Z');
    for (let index = 0; index < 30; index += 1) {
      await world.audit.record({
        programId,
        direction: index % 2 === 0 ? 'partnero-to-attio' : 'attio-to-partnero',
        sourceEvent: index % 2 === 0 ? 'transaction.created' : 'record.updated',
        sourceRecord: index % 2 === 0 ? `transaction:t${index % 3}` : `attio:deals:deal-${index % 3}`,
        targetRecord: null,
        outcome: index === 29 ? 'rejected' : 'applied',
        reason: `history entry ${index}`,
        at: new Date(start + index * 60_000).toISOString(),
      });
    }
    await openSignedLink(programId);
    const history = page.locator('#panel-history-body');

    // Act: End moves to the last tab.
    await page.getByRole('tab', { name: /Partners/ }).focus();
    await page.keyboard.press('End');
    await history.locator('#history-summary').filter({ hasText: '25 entries' }).waitFor();
    // Assess
    expect(await page.getByRole('tab', { name: 'History' }).getAttribute('aria-selected')).toBe('true');
    const firstPage = await history.locator('tbody tr').allTextContents();
    expect(firstPage).toHaveLength(25);
    expect(firstPage[0]).toContain('history entry 29');
    expect(firstPage[0]).toContain('Not synced');
    expect(firstPage[24]).toContain('history entry 5');
    expect(await history.locator('#history-summary').textContent()).toContain('kept for 30 days');

    // Act: the older entries.
    await history.getByRole('button', { name: 'Show older entries' }).click();
    await history.locator('#history-summary').filter({ hasText: '30 entries' }).waitFor();
    // Assess
    expect(await history.locator('tbody tr').last().textContent()).toContain('history entry 0');
    expect(await history.getByRole('button', { name: 'Show older entries' }).isHidden()).toBe(true);

    // Act: type a record and press Enter.
    await page.getByLabel('Record', { exact: true }).fill('transaction:t1');
    await page.getByLabel('Record', { exact: true }).press('Enter');
    await history.locator('#history-summary').filter({ hasText: 'for Sale t1' }).waitFor();
    // Assess: entries 4, 10, 16, 22, 28 are transaction t1; the settings form was not submitted.
    const filtered = await history.locator('tbody tr').allTextContents();
    expect(filtered.map((row) => /history entry (\d+)/.exec(row)?.[1])).toEqual(['28', '22', '16', '10', '4']);
    expect(new URL(page.url()).search).toBe('');
    expect((await world.programs.getSettings(programId)).version).toBe(0);
    await page.screenshot({ path: testOutputPath('settings-history.png'), fullPage: true });

    // Act: only one direction.
    await page.getByLabel('Record', { exact: true }).fill('');
    await page.getByLabel('Direction').selectOption({ label: 'Attio → Partnero' });
    await history.locator('#history-summary').filter({ hasText: '15 entries' }).waitFor();
    // Assess
    for (const row of await history.locator('tbody tr').allTextContents()) expect(row).toContain('Attio → Partnero');
  });
});
