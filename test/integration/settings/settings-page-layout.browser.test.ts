import type { Browser, Page } from 'playwright-core';
import type { AuditEntry } from '../../../shared/sync/audit-log';
import { admin, connectAndSave, openSession, registeredProgram, saveSettings } from '../connect/connect-world';
import { launchChromium, testOutputPath } from './headless-browser';
import { startSettingsWorld, type SettingsWorld } from './settings-world';

/**
 * The settings page as a program manager reads it, at 1280 px and at 390 px (a phone): Status
 * and History that show each direction however busy the other is, in plain words, tables that fit
 * (cards on the phone), every tab reachable, the save bar only where there is something to save,
 * a mapping that shows what cannot be picked and why, and a session that ends without losing work.
 */
describe('The settings page at 1280 px and 390 px', () => {
  let world: SettingsWorld;
  let browser: Browser;
  let programId: string;

  beforeAll(async () => {
    [world, browser] = await Promise.all([startSettingsWorld(), launchChromium()]);
    ({ programId } = await registeredProgram(world, 'layout'));
    await connectAndSave(world, programId, await openSession(world, programId));
    // One Attio event, then a busy Partnero side, one failure in operator words among them.
    const start = Date.now() - 3_600_000;
    const entry = (index: number, overrides: Partial<AuditEntry>): Omit<AuditEntry, 'at'> & { at: string } => ({
      programId,
      direction: 'partnero-to-attio',
      sourceEvent: 'partner.updated',
      sourceRecord: `partner:p${index}`,
      targetRecord: `attio:people:rec-${index}`,
      outcome: 'applied',
      reason: 'partner.updated written to people (asserted on partnero_partner_id)',
      at: new Date(start + index * 1000).toISOString(),
      ...overrides,
    });
    await world.audit.record(
      entry(0, {
        direction: 'attio-to-partnero',
        sourceEvent: 'record.updated',
        sourceRecord: 'attio:people:bf071e1f-6035-429d-b874-d83ea64ea13b',
        targetRecord: 'partnero:customer:c1',
        reason: 'Partnero customer updated from the person (email)',
      }),
    );
    for (let batch = 1; batch < 120; batch += 40)
      await Promise.all(Array.from({ length: 40 }, (_, offset) => world.audit.record(entry(batch + offset, {}))));
    await world.audit.record(
      entry(300, {
        outcome: 'failed',
        targetRecord: null,
        reason: 'RetryableError: partnero answered 500 to partners.find',
      }),
    );
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await world?.stop();
  });

  async function open(width: number, tab = ''): Promise<Page> {
    const page = await browser.newPage({ viewport: { width, height: width > 600 ? 900 : 844 } });
    const link = (await admin(world, 'POST', `/admin/programs/${programId}/settings-links`, {})).json<{
      url: string;
    }>();
    await page.goto(link.url);
    if (tab) await page.getByRole('tab', { name: tab, exact: true }).click();
    return page;
  }

  /** The elements inside the viewport and not cut by a scroll box: '' when they fit, else what sticks out. */
  async function overflowOf(page: Page, selector: string): Promise<string> {
    return page.evaluate((css) => {
      const elements = Array.from(document.querySelectorAll<HTMLElement>(css)).filter(
        (element) => element.offsetParent !== null,
      );
      if (elements.length === 0) return `no ${css} on the page`;
      const out = elements
        .filter((element) => element.getBoundingClientRect().right > window.innerWidth + 0.5)
        .map((element) => `${css} ends at ${element.getBoundingClientRect().right}`);
      const scrollers = Array.from(document.querySelectorAll<HTMLElement>('.table-scroll')).filter(
        (element) => element.offsetParent !== null && element.scrollWidth > element.clientWidth + 1,
      );
      return [
        ...out,
        ...scrollers.map((element) => `a table scrolls: ${element.scrollWidth} > ${element.clientWidth}`),
      ].join('; ');
    }, selector);
  }

  it.each([1280, 390])(
    'shows both directions on Status and a readable History at %i px, with the save bar only on the settings tabs',
    async (width) => {
      // Act
      const page = await open(width, 'Status');
      const status = page.locator('#panel-status-body');
      await status.getByRole('heading', { name: 'Last events · Attio → Partnero' }).waitFor();
      // Assess: the quiet direction is there, newest first, in plain words.
      const quiet = status.locator('section:has(#recent-a2p)');
      const quietRow = quiet.locator('tbody tr', { hasText: 'Attio person …a64ea13b' });
      expect(await quietRow.count()).toBe(1);
      expect(await quietRow.locator('.col-event').innerText()).toContain('Attio record changed');
      const busy = status.locator('section:has(#recent-p2a) tbody tr').first();
      expect(await busy.locator('.entry-text').innerText()).toBe(
        'Partnero had a temporary problem, so this change could not be synced after several tries.',
      );
      expect(await busy.locator('.col-details').innerText()).not.toContain('RetryableError');
      expect(await page.locator('.savebar').isHidden()).toBe(true);
      expect(await overflowOf(page, '.events .col-details')).toBe('');
      if (width === 390) expect(await busy.evaluate((row) => getComputedStyle(row).display)).toBe('block');
      await page.screenshot({ path: testOutputPath(`settings-status-${width}.png`), fullPage: true });

      // Act: History, one direction, at once although 120 partner events are newer.
      await page.getByRole('tab', { name: 'History', exact: true }).click();
      const history = page.locator('#panel-history-body');
      await history.locator('tbody tr').first().waitFor();
      await page.getByLabel('Direction').selectOption({ label: 'Attio → Partnero' });
      await history.locator('tbody tr', { hasText: 'Attio person …a64ea13b' }).waitFor();
      await page.getByLabel('Direction').selectOption({ label: 'Partnero → Attio' });
      await history.locator('#history-summary').filter({ hasText: '25 entries' }).waitFor();
      // Assess: plain words and what to do; the Details column is whole.
      expect(await history.locator('tbody tr').first().locator('.entry-action').innerText()).toContain(
        'Ask the platform team to send it again',
      );
      expect(await history.locator('tbody tr').nth(1).locator('.entry-text').innerText()).toBe(
        'Partner changed written to Attio people (matched by its Partnero id)',
      );
      // Act
      await page.getByLabel('Direction').selectOption({ label: 'Settings' });
      await history.locator('tbody tr', { hasText: 'Settings saved' }).first().waitFor();
      // Assess: a saved setting is "Done", not "Synced".
      expect(
        await history.locator('tbody tr', { hasText: 'Settings saved' }).first().locator('.badge').innerText(),
      ).toBe('Done');
      await page.getByLabel('Direction').selectOption({ label: 'All directions' });
      await history.locator('#history-summary').filter({ hasText: '25 entries' }).waitFor();
      await page.screenshot({ path: testOutputPath(`settings-history-${width}.png`), fullPage: true });
      // The cards fit at 390 px, their visually hidden header row included (it once stuck out by 69 px), and nothing scrolls sideways.
      expect(await overflowOf(page, '.history-table .col-details')).toBe('');
      expect(await overflowOf(page, '.history-table th')).toBe('');
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      expect(await page.locator('.savebar').isHidden()).toBe(true);
      await page.screenshot({ path: testOutputPath(`settings-history-${width}.png`), fullPage: true });

      // Assess: every tab is on screen, and a focused tab's ring is not clipped by a scroll box.
      const tabs = page.getByRole('tab');
      expect(await tabs.count()).toBe(5);
      for (const tab of await tabs.all()) {
        const box = await tab.boundingBox();
        expect(box && box.x >= 0 && box.x + box.width <= width).toBe(true);
      }
      await page.getByRole('tab', { name: 'History', exact: true }).focus();
      expect(await page.locator('[role="tablist"]').evaluate((list) => getComputedStyle(list).overflowX)).toBe(
        'visible',
      );

      // Act: a settings tab brings the save bar back.
      await page.getByRole('tab', { name: /Partners/ }).click();
      // Assess
      expect(await page.locator('.savebar').isVisible()).toBe(true);
      await page.close();
    },
    120_000,
  );

  it('shows what cannot be mapped and why, proposes the Companies attributes, and refuses a commission on the deal value', async () => {
    // Prepare
    const page = await open(1280);
    await page.locator('#partners-map-0-attribute').waitFor();
    // Act: a deal field: the commission.
    await page.getByRole('tab', { name: /Deals/ }).click();
    await page.locator('#panel-deals').getByRole('button', { name: 'Add a field' }).click();
    await page.locator('#deals-map-0-field').selectOption({ label: 'Commission' });
    // Assess: the deal value is listed, disabled, with the reason.
    const value = page.locator('#deals-map-0-attribute option', { hasText: 'Deal value' });
    expect(await value.textContent()).toBe('Deal value · Currency — set by the sync');
    expect(await value.isDisabled()).toBe(true);
    expect(await page.locator('#deals-map-0-field-type').textContent()).toBe('Holds an amount');

    // Act: partners move to Companies.
    await page.getByRole('tab', { name: /Partners/ }).click();
    await page.getByLabel('Attio object for partners').selectOption({ label: 'Companies' });
    await page.locator('#mapping-proposal').waitFor();
    // Assess: the mapping already fits Companies; nothing "(not in Attio)".
    expect(await page.locator('#mapping-proposal').innerText()).toContain(
      'Email was removed: Companies has no attribute that can hold an email address.',
    );
    expect(await page.locator('#panel-partners').innerText()).not.toContain('not in Attio');
    expect(await page.locator('#partners-map-0-attribute').inputValue()).toBe('name');
    await page.screenshot({ path: testOutputPath('settings-mapping-1280.png'), fullPage: true });
    await page.close();

    // And the server refuses the commission on the deal value whatever the page does.
    const refused = await saveSettings(world, programId, await openSession(world, programId), (settings) => {
      settings.deals.fieldMappings = [{ partneroField: 'commission', attioAttribute: 'value' }];
    });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('The commission cannot go into');
  }, 120_000);

  it('says at 390 px that the session ended and the changes were not saved, and gives them back after a fresh link', async () => {
    // Prepare
    const page = await open(390);
    await page.locator('#partners-map-1-attribute').waitFor();
    await page.getByRole('tab', { name: /Customers/ }).click();
    const customers = page.getByRole('switch', { name: 'Sync customers' });
    const before = await customers.isChecked();
    await customers.focus();
    await page.keyboard.press('Space');
    await page.locator('#save-status').filter({ hasText: 'Unsaved changes' }).waitFor();
    // Act: the session ends (the cookie is gone), then Save.
    await page.context().clearCookies();
    await page.getByRole('button', { name: 'Save changes' }).click();
    // Assess
    const notice = page.locator('#session-ended');
    await notice.waitFor();
    expect(await notice.innerText()).toContain('Your session has ended, so your changes were not saved.');
    expect(await notice.getByRole('link', { name: 'Open the settings again' }).isVisible()).toBe(true);
    expect(await page.locator('#save-status').textContent()).toBe('Session ended · changes not saved');
    await page.screenshot({ path: testOutputPath('settings-session-ended-390.png'), fullPage: true });

    // Act: a fresh link in the same browser offers the changes back.
    const link = (await admin(world, 'POST', `/admin/programs/${programId}/settings-links`, {})).json<{
      url: string;
    }>();
    await page.goto(link.url);
    await page.getByRole('button', { name: 'Restore my changes' }).click();
    // Assess
    await page.locator('#save-status').filter({ hasText: 'Unsaved changes' }).waitFor();
    expect(before).toBe(false);
    await page.close();
  }, 120_000);
});
