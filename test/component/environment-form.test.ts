import { cleanup, fireEvent, render, screen, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import type { EnvironmentView } from '../../shared/domain';
import type { AppError } from '../../shared/result';
import EnvironmentForm from '../../renderer/forms/EnvironmentForm.svelte';
import type { EnvironmentRequest } from '../../renderer/lib/environment-form';
import { choose } from './fixtures';

afterEach(cleanup);

const existing: EnvironmentView = {
  id: 'env-1',
  name: 'Store 42',
  kind: 'development',
  baseUrl: 'https://connect.dev.instacart.tools',
  clientId: 'client-42',
  hasSecret: true,
  lastVerifiedAt: null,
  builtIn: false,
  timeZone: 'America/Chicago',
  storeTimeZones: {},
};

function setup(environment?: EnvironmentView, answer: AppError | null = null) {
  const saved: EnvironmentRequest[] = [];
  render(EnvironmentForm, {
    props: {
      ...(environment ? { environment } : {}),
      save: async (request: EnvironmentRequest) => {
        saved.push(request);
        return answer;
      },
    },
  });
  return saved;
}

const field = (name: string) => document.querySelector<HTMLElement>(`[data-field="${name}"]`)!;
const type = (label: string | RegExp, value: string) =>
  fireEvent.input(screen.getByLabelText(label), { target: { value } });
const secretInput = () => screen.getByLabelText<HTMLInputElement>(/Client secret/);

describe('the environment form', () => {
  it('needs a name, a client id and, when adding, a secret', async () => {
    const saved = setup();
    await fireEvent.click(screen.getByRole('button', { name: 'Add environment' }));
    expect(saved).toEqual([]);
    expect(within(field('name')).getByText('Give the environment a name.')).toBeTruthy();
    expect(within(field('clientId')).getByText('Enter the client id.')).toBeTruthy();
    expect(within(field('secret')).getByText('Enter the client secret.')).toBeTruthy();
  });

  it('asks a custom server for a full https address', async () => {
    const saved = setup();
    await choose(screen.getByLabelText('Kind'), 'custom');
    await type('Base URL', 'http://connect.example.test');
    await fireEvent.click(screen.getByRole('button', { name: 'Add environment' }));
    expect(saved).toEqual([]);
    expect(within(field('baseUrl')).getByText('Enter the server’s full https:// address.')).toBeTruthy();
  });

  it('sends the secret once and empties the field after saving', async () => {
    const saved = setup();
    await type('Name', 'Store 7 production');
    await choose(screen.getByLabelText('Kind'), 'production');
    await type('Client id', 'client-7');
    await type(/Client secret/, 's3cret-value');
    expect(secretInput().type).toBe('password');
    await fireEvent.click(screen.getByRole('button', { name: 'Add environment' }));
    expect(saved).toEqual([
      {
        name: 'Store 7 production',
        kind: 'production',
        clientId: 'client-7',
        secret: 's3cret-value',
        timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
        storeTimeZones: {},
      },
    ]);
    expect(secretInput().value).toBe('');
    expect(screen.getByRole('status').textContent).toContain('secret is in the keychain');
  });

  it('empties the secret even when saving fails', async () => {
    setup(undefined, { code: 'keychain_unavailable', message: 'The keychain is locked.', hint: 'Unlock it.' });
    await type('Name', 'Store 7');
    await type('Client id', 'client-7');
    await type(/Client secret/, 's3cret-value');
    await fireEvent.click(screen.getByRole('button', { name: 'Add environment' }));
    expect(secretInput().value).toBe('');
    expect((await screen.findByRole('alert')).textContent).toContain('The keychain is locked.');
  });

  it('never fills the secret of an environment being edited, and keeps it unless a new one is typed', async () => {
    const saved = setup(existing);
    expect(secretInput().value).toBe('');
    expect(screen.getByLabelText<HTMLInputElement>('Name').value).toBe('Store 42');
    expect(screen.getByText(/A secret is stored/)).toBeTruthy();
    await type('Name', 'Store 42 dev');
    await fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(saved).toEqual([
      {
        name: 'Store 42 dev',
        kind: 'development',
        clientId: 'client-42',
        timeZone: 'America/Chicago',
        storeTimeZones: {},
      },
    ]);
  });

  it('shows the zones kept, and sends a default zone and stores of their own as typed', async () => {
    const saved = setup({ ...existing, storeTimeZones: { '2002': 'America/New_York' } });
    expect(screen.getByLabelText<HTMLInputElement>('Store time zone').value).toBe('America/Chicago');
    expect(screen.getByLabelText<HTMLTextAreaElement>(/Stores in another zone/).value).toBe('2002 America/New_York');
    await type('Store time zone', 'America/Los_Angeles');
    await type(/Stores in another zone/, '2002 America/New_York\n\n  77, Europe/Paris  ');
    await fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(saved).toEqual([
      expect.objectContaining({
        timeZone: 'America/Los_Angeles',
        storeTimeZones: { '2002': 'America/New_York', '77': 'Europe/Paris' },
      }),
    ]);
  });

  it('refuses an abbreviation, a line that is not a store and a zone, and a store listed twice, by line', async () => {
    const saved = setup(existing);
    await type('Store time zone', 'PST');
    await type(/Stores in another zone/, '2002 America/New_York\nAmerica/Denver\n9 Mars/Base\n2002 Europe/Paris');
    await fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(saved).toEqual([]);
    expect(within(field('timeZone')).getByText('"PST" is not a time zone.')).toBeTruthy();
    const stores = within(field('storeTimeZones'));
    expect(stores.getByText('Line 2 is not a store code and a zone.')).toBeTruthy();
    expect(stores.getByText('Line 3: "Mars/Base" is not a time zone.')).toBeTruthy();
    expect(stores.getByText('Line 4: store 2002 is listed twice.')).toBeTruthy();
  });
});
