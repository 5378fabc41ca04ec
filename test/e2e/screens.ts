import type { Page } from 'playwright-core';
import { screenshot } from '../support/chromium';

const MAX_HEIGHT = 4000;

/**
 * Saves the screen as it is in the light and in the dark scheme (the page follows the OS setting).
 * The console scrolls inside <main>, so the window is made tall enough to show all of it, then put back.
 */
export async function shootBothSchemes(page: Page, name: string): Promise<void> {
  const viewport = page.viewportSize();
  const height = await page.evaluate(() => {
    const main = document.querySelector('main');
    const extra = main ? main.scrollHeight - main.clientHeight : 0;
    return document.documentElement.clientHeight + Math.max(0, extra);
  });
  if (viewport && height > viewport.height) {
    await page.setViewportSize({ width: viewport.width, height: Math.min(height, MAX_HEIGHT) });
  }
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await screenshot(page, `${name}-${colorScheme}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  if (viewport) await page.setViewportSize(viewport);
}
