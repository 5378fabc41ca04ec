import { describe, expect, it } from 'vitest';
import { consoleInChromium } from '../support/console-in-chromium';
import { openConsole } from '../support/chromium';
import { shootBothSchemes } from './screens';

const SECRET = 'e2e-secret-never-shown-9f3a1c';
const TEAM_PASSWORD = 'e2e-team-password-never-shown-4b7e';

describe('Environments in Chromium', () => {
  const world = consoleInChromium();

  it('adds an environment with a secret that cannot be read back, tests a connection, switches and removes', async () => {
    const { page, pageErrors, context } = await openConsole(world.browser, world.running.host.openUrl);
    await page.getByRole('link', { name: 'Environments' }).click();
    const sandboxRow = page.getByTestId('environment-sandbox');
    await sandboxRow.waitFor();

    await sandboxRow.getByRole('button', { name: 'Test connection' }).click();
    await expect.poll(() => page.getByText('Connected: the server accepted').count()).toBe(1);

    const form = page.getByRole('form', { name: 'Add environment' });
    await form.getByLabel('Name').fill('Store 42 development');
    await form.getByLabel('Kind').selectOption('development');
    await form.getByLabel('Client id').fill('client-42');
    await form.getByLabel(/Client secret/).fill(SECRET);
    await form.getByRole('button', { name: 'Add environment' }).click();
    await expect.poll(() => form.getByRole('status').textContent()).toContain('its secret is in the keychain');
    expect(await form.getByLabel(/Client secret/).inputValue()).toBe('');

    const row = page.locator('tr', { hasText: 'Store 42 development' });
    await expect.poll(() => row.textContent()).toContain('stored in keychain');

    // Nothing the renderer can reach carries the secret: not the page, not the edit form, not any channel.
    await row.getByRole('button', { name: 'Edit' }).click();
    const edit = page.getByRole('form', { name: 'Edit Store 42 development' });
    expect(await edit.getByLabel(/Client secret/).inputValue()).toBe('');
    expect(await edit.getByText('A secret is stored.').count()).toBe(1);
    expect(await page.content()).not.toContain(SECRET);
    const listed = await world.running.call('environments:list');
    expect(listed.ok).toBe(true);
    expect(JSON.stringify(listed)).not.toContain(SECRET);
    // A team database: the password goes to the keychain, the list shows the sync's state (nothing listens here).
    const team = page.getByRole('form', { name: 'Team database of Store 42 development' });
    await team.getByLabel(/Address/).fill('postgres://agent@127.0.0.1:9/team?sslmode=disable');
    await team.getByLabel(/Password/).fill(TEAM_PASSWORD);
    await team.getByRole('button', { name: 'Save team database' }).click();
    await expect.poll(() => team.getByRole('status').textContent()).toContain('Test the connection');
    expect(await team.getByLabel(/Password/).inputValue()).toBe('');
    // While the edit row is open it matches too: the environment's own row is the first.
    await expect.poll(() => row.first().textContent()).toMatch(/connecting|offline/);
    expect(await page.content()).not.toContain(TEAM_PASSWORD);
    await team.getByRole('button', { name: 'Work alone' }).click();
    await expect.poll(() => row.first().textContent()).toContain('works alone');
    await edit.getByRole('button', { name: 'Cancel' }).click();

    await shootBothSchemes(page, 'environments');

    // The header picker switches environments; the console says where it now points.
    await page.getByLabel('Environment', { exact: true }).selectOption({ label: 'Store 42 development' });
    await expect.poll(() => row.textContent()).toContain('in use');
    await page.getByLabel('Environment', { exact: true }).selectOption({ label: 'Sandbox' });
    await expect.poll(() => page.getByTestId('environment-sandbox').textContent()).toContain('in use');

    await row.getByRole('button', { name: 'Remove…' }).click();
    await row.getByRole('button', { name: 'Remove Store 42 development' }).click();
    await expect.poll(() => row.count()).toBe(0);
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
