import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { BrowserConsoleOptions } from '../../electron/browser-console';
import type { TestConsole } from './browser-console';
import { startTestConsole } from './browser-console';
import { launchChromium } from './chromium';

export interface ConsoleInChromium {
  running: TestConsole;
  browser: Browser;
}

/** One fresh console and one Chromium shared by the tests of a file, both closed after them. */
export function consoleInChromium(options: Partial<BrowserConsoleOptions> = {}): ConsoleInChromium {
  const world = {} as ConsoleInChromium;
  beforeAll(async () => {
    world.running = await startTestConsole(options);
    world.browser = await launchChromium();
  });
  afterAll(async () => {
    await world.browser?.close();
    await world.running?.close();
  });
  return world;
}
