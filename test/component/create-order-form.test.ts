import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import type { ScopedInput } from '../../renderer/lib/api';
import { afterEach, describe, expect, it } from 'vitest';
import type { OrderDetail } from '../../shared/contract';
import type { ServiceOption, ServiceOptionHold } from '../../shared/domain';
import type { Result } from '../../shared/result';
import { fail, ok } from '../../shared/result';
import CreateOrderForm from '../../renderer/forms/CreateOrderForm.svelte';
import type { CreateRequest } from '../../renderer/lib/create-order-form';
import { choose, detailOf, orderRecord, recorder, serviceOption } from './fixtures';

afterEach(cleanup);

const option = serviceOption(601, 14);
const hold: ServiceOptionHold = { id: 9001, expires_at: '2026-07-01T12:10:00Z', service_option: option };

function setup(answer: (request: CreateRequest) => Result<OrderDetail> = () => ok(detailOf(orderRecord()))) {
  const load = recorder<ScopedInput<'orders:service-options'>, ServiceOption[]>(() => ok([option]));
  const reserve = recorder<ScopedInput<'orders:hold'>, ServiceOptionHold>(() => ok(hold));
  const send = recorder(answer);
  const created: OrderDetail[] = [];
  render(CreateOrderForm, {
    props: {
      stores: ['store-1'],
      blockedReason: null,
      loadOptions: load.fn,
      reserve: reserve.fn,
      send: send.fn,
      oncreated: (detail: OrderDetail) => created.push(detail),
      zoneOf: () => 'America/Los_Angeles',
    },
  });
  return { load, reserve, send, created };
}

const field = (name: string) => document.querySelector<HTMLElement>(`[data-field="${name}"]`)!;
const type = (label: string | RegExp, value: string) =>
  fireEvent.input(screen.getByLabelText(label), { target: { value } });
const create = () => fireEvent.click(screen.getByRole('button', { name: 'Create order' }));

async function fillValidOrder(): Promise<void> {
  await type('User id', 'user-7');
  await type('First name', 'Ana');
  await type('Last name', 'Rivera');
  await type('Phone', '+18005550101');
  await type('Address line 1', '1 Market Street');
  await type('Postal code', '94105');
  await choose(screen.getByLabelText<HTMLSelectElement>('Store'), 'store-1');
  await type('Items', '12');
  await type('Weight (lbs)', '14.5');
  await fireEvent.click(screen.getByRole('button', { name: 'Find delivery times' }));
  // Picking the time reserves it: no second click.
  await fireEvent.click(await screen.findByRole('radio', { name: /available/ }));
  await screen.findByTestId('hold');
}

describe('the create-order form', () => {
  it('shows every missing or wrong field together, by its label, in the form’s order, and sends nothing', async () => {
    const { send } = setup();
    await type('Phone', '(800) 555-01');
    await type(/Pre-delivery tip/, '501');
    await create();
    expect(send.calls).toEqual([]);
    const summary = screen.getByRole('alert');
    expect(summary.textContent).toContain('fields need attention');
    expect(summary.querySelectorAll('li').length).toBeGreaterThanOrEqual(9);
    expect(summary.textContent).not.toContain('service_option_hold_id');
    const named = [...summary.querySelectorAll('li button')].map((button) => button.textContent!.trim());
    expect(named).toContain('Delivery time');
    // The order of the fields on the page, whatever order the checks found them in.
    const onPage = [...document.querySelectorAll('form [data-field]')]
      .map((node) =>
        node
          .querySelector('label, legend')
          ?.textContent?.replace(/\(optional\)$/, '')
          .trim(),
      )
      .filter((label): label is string => label !== undefined && named.includes(label));
    expect(named).toEqual([...new Set(onPage)]);
    expect(within(field('first_name')).getByText('Enter the first name.')).toBeTruthy();
    expect(within(field('service_option_hold_id')).getByText(/Pick a delivery time/)).toBeTruthy();
    expect(within(field('initial_tip_cents')).getByText(/above \$500\.00/)).toBeTruthy();
  });

  it('accepts a phone typed as people write it, shows it in E.164 and sends that', async () => {
    const { send } = setup();
    await fillValidOrder();
    await type('Phone', '(415) 555-0123');
    expect(screen.getByTestId('phone-e164').textContent).toContain('Sent as +14155550123');
    await create();
    expect(send.calls[0]?.order.user_phone).toBe('+14155550123');
  });

  it('refuses a phone it cannot read, saying how to write one', async () => {
    const { send } = setup();
    await type('Phone', '555-01');
    await create();
    expect(send.calls).toEqual([]);
    expect(within(field('user_phone')).getByText(/not a phone number the console can read/)).toBeTruthy();
  });

  it('lists times, reserves one and sends the whole request with the hold', async () => {
    const { load, reserve, send, created } = setup();
    await fillValidOrder();
    await type(/Pre-delivery tip/, '5.10');
    await type(/^Bags/, '3');
    await fireEvent.click(screen.getByLabelText('Contains alcohol'));
    await fireEvent.click(screen.getByLabelText(/Create asynchronously/));
    await create();
    expect(load.calls).toEqual([
      {
        userId: 'user-7',
        locationCode: 'store-1',
        address: { address_line_1: '1 Market Street', postal_code: '94105' },
      },
    ]);
    expect(reserve.calls).toEqual([{ userId: 'user-7', locationCode: 'store-1', serviceOptionId: 601 }]);
    expect(send.calls).toHaveLength(1);
    const request = send.calls[0]!;
    expect(request.userId).toBe('user-7');
    expect(request.async).toBe(true);
    expect(request.order).toMatchObject({
      location_code: 'store-1',
      service_option_hold_id: 9001,
      first_name: 'Ana',
      last_name: 'Rivera',
      user_phone: '+18005550101',
      items_count: 12,
      items_weight: 14.5,
      bags_count: 3,
      initial_tip_cents: 510,
      alcoholic: true,
      locale: 'en-US',
      address: { address_line_1: '1 Market Street', postal_code: '94105' },
    });
    expect(request.order.order_id).toMatch(/^LMC-[0-9A-HJKMNP-TV-Z]{12}$/);
    expect(request.order).not.toHaveProperty('start_at');
    expect(created).toHaveLength(1);
  });

  it('checks a window of one’s own against the rule before sending', async () => {
    const { send } = setup();
    await fillValidOrder();
    await fireEvent.click(screen.getByLabelText(/window of my own/));
    await choose(screen.getByLabelText('Start'), '2026-07-01T11:00:00Z');
    await create();
    expect(send.calls).toEqual([]);
    expect(within(field('start_at')).getByText(/within 2 hours/)).toBeTruthy();
    await choose(screen.getByLabelText('Start'), '2026-07-01T14:30:00Z');
    await choose(screen.getByLabelText('End'), '2026-07-01T15:30:00Z');
    await create();
    expect(send.calls[0]?.order).toMatchObject({ start_at: '2026-07-01T14:30:00Z', end_at: '2026-07-01T15:30:00Z' });
  });

  it("places each of the API's several errors (9999) on its own field", async () => {
    setup(() =>
      fail({
        code: 'api_error',
        apiCode: 9999,
        message: 'There were issues with your request',
        hint: 'Correct the fields named and try again.',
        details: [
          { code: 'api_error', apiCode: 1001, key: 'postal_code', message: 'not supported' },
          { code: 'api_error', apiCode: 1001, key: 'first_name', message: 'First name is invalid' },
          { code: 'api_error', apiCode: 1001, key: 'user.phone_number', message: "can't be blank" },
        ],
      }),
    );
    await fillValidOrder();
    await create();
    const summary = await screen.findByRole('alert');
    expect(summary.textContent).toContain('There were issues with your request');
    expect(summary.textContent).toContain('Connect error 9999');
    expect(within(field('address.postal_code')).getByText('not supported')).toBeTruthy();
    expect(within(field('first_name')).getByText('First name is invalid')).toBeTruthy();
    expect(within(field('user_phone')).getByText("can't be blank")).toBeTruthy();
  });

  it('picking a time reserves it, and a slower answer for an earlier pick never becomes the hold', async () => {
    const later = serviceOption(602, 16);
    const waiting = new Map<number, (answer: Result<ServiceOptionHold>) => void>();
    render(CreateOrderForm, {
      props: {
        stores: ['store-1'],
        blockedReason: null,
        loadOptions: async () => ok([option, later]),
        reserve: (query: ScopedInput<'orders:hold'>) =>
          new Promise<Result<ServiceOptionHold>>((resolve) => waiting.set(query.serviceOptionId, resolve)),
        send: async () => ok(detailOf(orderRecord())),
        oncreated: () => undefined,
        zoneOf: () => 'America/Los_Angeles',
      },
    });
    await type('User id', 'user-7');
    await type('Address line 1', '1 Market Street');
    await type('Postal code', '94105');
    await choose(screen.getByLabelText<HTMLSelectElement>('Store'), 'store-1');
    await fireEvent.click(screen.getByRole('button', { name: 'Find delivery times' }));
    const [first, second] = await screen.findAllByRole('radio');
    await fireEvent.click(first!);
    await fireEvent.click(second!);
    waiting.get(602)!(ok({ id: 2, expires_at: '2026-07-01T12:10:00Z', service_option: later }));
    await waitFor(() => expect(screen.getByTestId('hold').textContent).toContain('hold 2'));
    waiting.get(601)!(ok({ id: 1, expires_at: '2026-07-01T12:10:00Z', service_option: option }));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(screen.getByTestId('hold').textContent).toContain('hold 2');
  });
});
