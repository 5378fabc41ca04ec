import type { Page } from 'playwright-core';
import { screenshot } from '../support/chromium';

/** Saves the screen as it is in the light and in the dark scheme (the page follows the OS setting). */
export async function shootBothSchemes(page: Page, name: string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await screenshot(page, `${name}-${colorScheme}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}
