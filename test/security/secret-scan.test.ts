import { Entry } from '@napi-rs/keyring';
import { randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEYCHAIN_SERVICE } from '../../electron/core/environments/credential-store';
import type { Sandbox } from '../../electron/core/sandbox';
import { startSandbox } from '../../electron/core/sandbox';
import { launchChromium, openConsole, screenshot } from '../support/chromium';
import { tempDir } from '../support/temp-dir';
import type { HostProcess } from './support/host-process';
import { startHostProcess } from './support/host-process';
import type { OpenStream } from './support/raw-http';
import { openStream } from './support/raw-http';
import { filesUnder, leaks, secretForms } from './support/secret-forms';
import type { TlsFront } from './support/tls-front';
import { startTlsFront } from './support/tls-front';

/** Unique per run, with characters that change under URL and base64 encoding. */
const SECRET = `lm-scan-${randomBytes(12).toString('hex')}+/=`;
const WRONG_SECRET = `lm-wrong-${randomBytes(12).toString('hex')}+/=`;
const CLIENT_ID = 'secret-scan-client';
/** Marks a response whose body could not be read: none may remain unscanned. */
const UNREADABLE = '(response body could not be read)';

/** The console under a loaded machine can take seconds to react: wait, but not forever. */
const eventually = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 20_000, interval: 100 });

/** Adds an environment through the console's form; returns its id. */
async function addEnvironment(page: Page, name: string, url: string, secret: string): Promise<string> {
  const form = page.getByRole('form', { name: 'Add environment' });
  await form.getByLabel('Name').fill(name);
  await form.getByLabel('Kind').selectOption('custom');
  await form.getByLabel('Base URL').fill(url);
  await form.getByLabel('Client id').fill(CLIENT_ID);
  await form.getByLabel('Client secret').fill(secret);
  await form.getByRole('button', { name: 'Add environment' }).click();
  await eventually(() => form.getByText('its secret is in the keychain').count()).toBe(1);
  expect(await form.getByLabel('Client secret').inputValue()).toBe('');
  const row = page.locator('tr[data-testid^="environment-"]', { hasText: name });
  return ((await row.getAttribute('data-testid')) ?? '').replace('environment-', '');
}

function environmentRow(page: Page, id: string) {
  return page.getByTestId(`environment-${id}`);
}

async function removeEnvironment(page: Page, id: string, name: string): Promise<void> {
  await environmentRow(page, id).getByRole('button', { name: 'Remove…' }).click();
  await environmentRow(page, id)
    .getByRole('button', { name: `Remove ${name}` })
    .click();
  await eventually(() => environmentRow(page, id).count()).toBe(0);
}

/**
 * End to end: the console as `npm run start:browser` runs it, used in Chromium, stores a client secret
 * for a new environment and uses it against a Connect server (the sandbox behind TLS); then the secret,
 * in any encoding, must be nowhere but the keychain: not in the data folder (SQLite file, WAL, settings,
 * audit log), not in the host's output, not in anything the page received or kept.
 */
describe('a client secret never leaves the keychain', () => {
  const data = tempDir('lastmile-secret-scan-');
  let sandbox: Sandbox;
  let front: TlsFront;
  let host: HostProcess;
  let browser: Browser;
  let events: OpenStream;
  const received: Record<string, string> = {};
  /** Environments made by the session, removed from the keychain even if the test fails half-way. */
  const made: string[] = [];

  beforeAll(async () => {
    sandbox = await startSandbox({ orders: 50, credentials: { clientId: CLIENT_ID, clientSecret: SECRET } });
    front = await startTlsFront(sandbox.url);
    host = await startHostProcess(data.path, { NODE_EXTRA_CA_CERTS: front.caFile });
    const { host: authority, port } = new URL(host.url);
    events = await openStream(Number(port), '/api/events', { host: authority, 'x-lastmile-token': host.token });
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    for (const id of made) {
      try {
        new Entry(KEYCHAIN_SERVICE, id).deletePassword();
      } catch {
        // Already gone, as it should be.
      }
    }
    events?.close();
    await browser?.close();
    await host?.stop();
    await front?.close();
    await sandbox?.close();
    data.remove();
  });

  it('stores, uses and removes secrets through the console, then finds them nowhere', async () => {
    const { page, context } = await openConsole(browser, host.openUrl);
    const inFlight = new Set<unknown>();
    const isCall = (url: string) => url.includes('/api/') && !url.endsWith('/api/events');
    page.on('request', (request) => {
      if (isCall(request.url())) inFlight.add(request);
    });
    page.on('requestfailed', (request) => inFlight.delete(request));
    page.on('response', (response) => {
      if (!isCall(response.url())) return;
      const at = `${Object.keys(received).length} ${response.url()}`;
      void response
        .text()
        .then((text) => (received[at] = text))
        .catch(() => (received[at] = UNREADABLE))
        .finally(() => inFlight.delete(response.request()));
    });
    await page.getByRole('link', { name: 'Environments' }).click();

    const id = await addEnvironment(page, 'Secret scan', front.url, SECRET);
    made.push(id);
    // Positive controls: the secret reached the keychain, and the server accepts it.
    expect(new Entry(KEYCHAIN_SERVICE, id).getPassword()).toBe(SECRET);
    await environmentRow(page, id).getByRole('button', { name: 'Test connection' }).click();
    await eventually(() => page.getByText(/^Connected:/).count()).toBe(1);
    await environmentRow(page, id).getByRole('button', { name: 'Use' }).click();
    await eventually(() => environmentRow(page, id).textContent()).toContain('in use');

    const wrongId = await addEnvironment(page, 'Wrong secret', front.url, WRONG_SECRET);
    made.push(wrongId);
    await environmentRow(page, wrongId).getByRole('button', { name: 'Test connection' }).click();
    await eventually(() => page.getByText('Wrong secret: it did not work').count()).toBe(1);
    await screenshot(page, 'secret-scan-environments');
    await removeEnvironment(page, wrongId, 'Wrong secret');
    expect(new Entry(KEYCHAIN_SERVICE, wrongId).getPassword()).toBeNull();

    for (const screen of ['Search', 'Audit log', 'Environments']) {
      await page.getByRole('link', { name: screen }).click();
      await eventually(() => page.getByRole('link', { name: screen }).getAttribute('aria-current')).toBe('page');
      await eventually(() => inFlight.size).toBe(0);
    }

    const kept = await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }));
    const cookies = JSON.stringify(await context.cookies());
    const forms = [...secretForms(SECRET, CLIENT_ID), ...secretForms(WRONG_SECRET, CLIENT_ID)];
    expect(Object.keys(received).length).toBeGreaterThan(8);
    expect(
      leaks(forms, {
        ...filesUnder(data.path),
        'host output': host.output(),
        'event stream': events.text(),
        'page storage': kept,
        'page text': (await page.textContent('body')) ?? '',
        cookies,
        ...received,
      }),
    ).toEqual([]);

    await removeEnvironment(page, id, 'Secret scan');
    expect(new Entry(KEYCHAIN_SERVICE, id).getPassword()).toBeNull();
    await eventually(() => inFlight.size).toBe(0);
    await context.close();
    expect(await host.stop()).toBe(0);
    expect(Object.values(received)).not.toContain(UNREADABLE);
    const afterExit = { ...filesUnder(data.path), 'host output': host.output(), 'event stream': events.text() };
    expect(leaks(forms, { ...afterExit, ...received })).toEqual([]);
  });
});
