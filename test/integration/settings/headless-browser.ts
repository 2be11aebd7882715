import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

/**
 * Debian's Chromium (scripts/ensure-chromium.sh installs it), driven by playwright-core: no
 * browser is ever downloaded by Playwright.
 */
export const CHROMIUM_PATH = '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
}

/** Where tests leave what a person would look at (screenshots); gitignored. */
export function testOutputPath(file: string): string {
  const directory = join(__dirname, '..', '..', '..', 'test-output');
  mkdirSync(directory, { recursive: true });
  return join(directory, file);
}
