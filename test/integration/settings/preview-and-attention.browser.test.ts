import type { Browser, Page } from 'playwright-core';
import { admin, connectAndSave, openSession, registeredProgram } from '../connect/connect-world';
import { launchChromium, testOutputPath } from './headless-browser';
import { referredBuyerAda, startSettingsWorld, writesSoFar, type SettingsWorld } from './settings-world';

/**
 * Issue 17 on the page, in real headless Chromium against the local stack with the workers
 * running, at 1280 px and at 390 px: the Customers tab's preview of the unsaved mapping (to Attio
 * for a real Partnero customer, to Partnero for a real Attio person, refusals with their reason,
 * nothing written), and Needs attention on the Status tab: a won deal whose buyer Partnero lacks is
 * listed, the buyer is added in Partnero, Retry re-queues the deal, it is paid once and its entry
 * leaves the list.
 */
describe('Preview and Needs attention in a real browser', () => {
  let world: SettingsWorld;
  let browser: Browser;
  let programId: string;
  /** One won deal per width, each for a buyer Partnero does not know yet. */
  const deals: Record<number, { dealId: string; email: string }> = {};
  let zedId: string;

  beforeAll(async () => {
    [world, browser] = await Promise.all([startSettingsWorld(), launchChromium()]);
    ({ programId } = await registeredProgram(world, 'attention'));
    // The preview's sample person: nobody Partnero knows, naming no referring partner.
    zedId = (
      world.attio.control.createRecordAsMember(
        'people',
        {
          email_addresses: ['zed@prospects.test'],
          name: { first_name: 'Zed', last_name: 'Prospect', full_name: 'Zed Prospect' },
        },
        { workspaceId: world.workspaceId },
      ) as { id: { record_id: string } }
    ).id.record_id;
    await connectAndSave(world, programId, await openSession(world, programId));
    referredBuyerAda(world, programId);
    const stages = world.attio.control.statuses('deals', 'stage', world.workspaceId);
    const stage = (pattern: RegExp) => stages.find((candidate) => pattern.test(candidate.title))?.id as string;
    for (const width of [1280, 390]) {
      const email = `buyer-${width}@buyers.test`;
      const person = world.attio.control.createRecordAsMember(
        'people',
        { email_addresses: [email], name: { first_name: 'Nora', last_name: `N${width}`, full_name: `Nora N${width}` } },
        { workspaceId: world.workspaceId },
      ) as { id: { record_id: string } };
      const deal = world.attio.control.createRecordAsMember(
        'deals',
        {
          name: `Deal ${width}`,
          stage: stage(/lead/i),
          owner: 'ada@acme.example',
          value: width,
          associated_people: [{ target_object: 'people', target_record_id: person.id.record_id }],
        },
        { workspaceId: world.workspaceId },
      ) as { id: { record_id: string } };
      deals[width] = { dealId: deal.id.record_id, email };
    }
    await settle();
    for (const width of [1280, 390])
      world.attio.control.updateRecordAsMember(
        'deals',
        deals[width]?.dealId as string,
        { stage: stage(/won/i) },
        { workspaceId: world.workspaceId },
      );
    await settle();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await world?.stop();
  });

  async function settle(): Promise<void> {
    for (let round = 0; round < 2; round += 1) {
      await Promise.all([world.attio.control.flushDeliveries(), world.partnero.control.flushDeliveries()]);
      await world.stack.waitUntilIdle(20_000);
    }
  }

  async function open(width: number): Promise<Page> {
    const page = await browser.newPage({ viewport: { width, height: width > 600 ? 900 : 844 } });
    const link = (await admin(world, 'POST', `/admin/programs/${programId}/settings-links`, {})).json<{
      url: string;
    }>();
    await page.goto(link.url);
    return page;
  }

  /** How far the page is wider than the viewport (0 when nothing sticks out). */
  const sideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

  it.each([1280, 390])(
    'previews the Customers tab both ways and clears a Needs attention entry with Retry at %i px',
    async (width) => {
      // Prepare
      const page = await open(width);
      const { dealId, email } = deals[width] as { dealId: string; email: string };
      await page.getByRole('tab', { name: /Customers/ }).click();
      // Unsaved: customer sync switched on, which the saved settings have off.
      const customersSwitch = page.getByRole('switch', { name: 'Sync customers' });
      await customersSwitch.focus();
      await page.keyboard.press('Space');
      expect(await customersSwitch.isChecked()).toBe(true);
      // Attio documents no order for an unsorted query (the simulator answers the last written first): Zed is made the sample.
      world.attio.control.updateRecordAsMember(
        'people',
        zedId,
        { job_title: `Prospect seen at ${width} px` },
        { workspaceId: world.workspaceId },
      );
      const before = writesSoFar(world);

      // Act: the preview.
      await page.locator('[data-testid="preview-button-customers"]').click();
      const toAttio = page.locator('[data-testid="preview-customers"] [data-testid="preview-to-attio"]');
      const toPartnero = page.locator('[data-testid="preview-customers"] [data-testid="preview-to-partnero"]');
      await toPartnero.waitFor();
      // Assess: Partnero's customer as it would land in Attio, value by value.
      expect(await toAttio.textContent()).toContain('Sample: Partnero customer cust-ada → Attio people');
      const emailRow = toAttio.locator('[data-testid="preview-row"]', { hasText: 'email_addresses' });
      expect(await emailRow.getAttribute('data-outcome')).toBe('write');
      expect(await emailRow.textContent()).toContain('ada@buyers.test');
      // Assess: the first Attio person is unknown to Partnero, and no attribute names a referring partner: refused, with why.
      expect(await toPartnero.textContent()).toContain('Sample: Attio person zed@prospects.test');
      expect(await toPartnero.getAttribute('data-action')).toBe('none');
      expect(await toPartnero.textContent()).toContain('creating one needs a referring partner');
      const refused = toPartnero.locator('[data-testid="preview-row"][data-outcome="refused"]');
      expect(await refused.count()).toBeGreaterThan(0);
      expect(await refused.first().textContent()).toContain('Refused');
      expect(writesSoFar(world)).toEqual(before);
      expect(await sideways(page)).toBeLessThanOrEqual(0);
      await page.screenshot({ path: testOutputPath(`settings-preview-customers-${width}.png`), fullPage: true });

      // Act: the Status tab lists the won deal whose buyer Partnero does not know.
      await page.getByRole('tab', { name: 'Status', exact: true }).click();
      const entry = page.locator('[data-testid="attention-entry"]', { hasText: dealId });
      await entry.waitFor();
      // Assess
      expect(await entry.getAttribute('data-kind')).toBe('deal-without-customer');
      expect(await entry.textContent()).toContain('won, but Partnero has no customer for it');
      expect(await entry.textContent()).toContain('Add the buyer as a customer in Partnero');
      expect(world.partnero.control.transactions.list(programId).filter((sale) => sale.key === dealId)).toEqual([]);
      expect(await sideways(page)).toBeLessThanOrEqual(0);
      await page.screenshot({ path: testOutputPath(`settings-needs-attention-${width}.png`), fullPage: true });

      // Act: the program manager adds the buyer in Partnero, then presses Retry.
      const partnerId = (world.partnero.control.partners.list(programId)[0] as { id: string }).id;
      world.partnero.control.customers.create(programId, {
        key: `cust-${width}`,
        email,
        name: 'Nora',
        surname: `N${width}`,
        partner: { id: partnerId },
      });
      await entry.getByRole('button', { name: 'Retry' }).click();
      await entry
        .getByRole('status')
        .filter({ hasText: 'Queued again: it leaves this list once the sync gets it through.' })
        .waitFor();
      await settle();
      // Assess: paid once, and the entry leaves the list at the page's next read of the status.
      await page.getByRole('button', { name: 'Refresh' }).click();
      await entry.waitFor({ state: 'detached', timeout: 10_000 });
      expect(world.partnero.control.transactions.list(programId).filter((sale) => sale.key === dealId)).toEqual([
        expect.objectContaining({ amount: width, customer: `cust-${width}` }),
      ]);
      await page.screenshot({ path: testOutputPath(`settings-needs-attention-retried-${width}.png`), fullPage: true });
      await page.close();
    },
  );
});
