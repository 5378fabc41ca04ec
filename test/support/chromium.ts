import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { repoRoot } from '../../electron/launch/paths';

export const screenshotDir = join(repoRoot, 'test-output', 'screenshots');

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Debian's Chromium, driven by playwright-core (Playwright's own browser download is not available here). */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
}

export interface OpenedPage {
  context: BrowserContext;
  page: Page;
  /** Errors the page reported: uncaught exceptions, console errors, CSP violations. */
  pageErrors: string[];
}

export async function openConsole(
  browser: Browser,
  url: string,
  colorScheme: 'light' | 'dark' = 'light',
  /** The agent's own zone, as the page's clock reads it (the machine's unless given). */
  timezoneId?: string,
): Promise<OpenedPage> {
  // A fixed locale: the tests read numbers and times as the page formats them ("2,000 orders", "3:05 PM").
  const context = await browser.newContext({
    colorScheme,
    locale: 'en-US',
    viewport: { width: 1280, height: 800 },
    ...(timezoneId ? { timezoneId } : {}),
  });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  await page.goto(url);
  return { context, page, pageErrors };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true });
  const path = join(screenshotDir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
