import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import type { ScopedInput } from '../../renderer/lib/api';
import type { OrderDetail, OrderEvent, OrderRecord } from '../../shared/contract';
import type { ServiceOption } from '../../shared/domain';
import type { OrderChanges } from '../../renderer/lib/order-edit-form';
import type { Result } from '../../shared/result';
import { fail, ok } from '../../shared/result';
import OrderEditForm from '../../renderer/forms/OrderEditForm.svelte';
import { choose, detailOf, orderRecord, recorder, serviceOption } from './fixtures';

afterEach(cleanup);

const options = [serviceOption(501, 14), serviceOption(502, 16, false)];
const accepted = (changes: OrderChanges) =>
  ok<OrderDetail>(
    detailOf(
      orderRecord({
        tipCents: changes.initial_tip_cents ?? 500,
        ...(changes.start_at ? { windowStartsAt: changes.start_at, windowEndsAt: changes.end_at! } : {}),
      }),
    ),
  );

function setup(
  answer: (changes: OrderChanges) => Result<OrderDetail> = accepted,
  {
    order = orderRecord(),
    events = [],
    slots = () => ok(options),
    blockedReason = null,
  }: {
    order?: OrderRecord;
    events?: OrderEvent[];
    slots?: () => Result<ServiceOption[]>;
    blockedReason?: string | null;
  } = {},
) {
  const send = recorder(answer);
  const load = recorder<ScopedInput<'orders:service-options'>, ServiceOption[]>(slots);
  const view = render(OrderEditForm, {
    props: { order, events, send: send.fn, loadOptions: load.fn, blockedReason, zone: 'America/Los_Angeles' },
  });
  return Object.assign(send, { load, view });
}

const at = (hhmm: string) => `2026-07-01T${hhmm}:00Z`;
async function pickFirstSlot(): Promise<void> {
  const radios = await screen.findAllByRole('radio');
  await fireEvent.click(radios[0]!);
  await fireEvent.change(radios[0]!);
  await screen.findByLabelText('Start');
}

const field = (name: string) => document.querySelector<HTMLElement>(`[data-field="${name}"]`)!;
const save = () => fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));

describe('the one edit form: window, tip and details', () => {
  it("lists the order's times from its own address and store, without asking for them again", async () => {
    const { load } = setup();
    await screen.findAllByRole('radio');
    expect(load.calls).toEqual([
      {
        userId: 'user-1',
        locationCode: 'store-1',
        address: { address_line_1: '1 Market Street', postal_code: '94105' },
      },
    ]);
    expect(screen.queryByLabelText('Address line 1')).toBeNull();
    expect(screen.queryByLabelText('Postal code')).toBeNull();
    expect(screen.getByText('unavailable: full')).toBeTruthy();
  });

  it('asks only for what the order lacks, under the window, never as a refused change', async () => {
    const { load } = setup(accepted, { order: orderRecord({ address: null, addressLine1: null, postalCode: null }) });
    expect(screen.getByTestId('slot-missing').textContent).toContain('address, postal code');
    expect(screen.queryByLabelText('User id')).toBeNull();
    await fireEvent.click(screen.getByRole('button', { name: 'Find delivery times' }));
    expect(load.calls).toEqual([]);
    expect(within(field('address.postal_code')).getByText('Enter the postal code.')).toBeTruthy();
    expect(document.body.textContent).not.toContain('was not changed');
  });

  it('shows the current tip', () => {
    setup();
    expect(screen.getByTestId('current-tip').textContent).toContain('$5.00');
  });

  it('says a customer is inactive at the top of the form, above the time search', async () => {
    setup(accepted, {
      slots: () =>
        fail({
          code: 'forbidden',
          status: 403,
          message: 'User Not Active',
          hint: 'The customer must contact Instacart.',
        }),
    });
    const note = await screen.findByTestId('inactive-account');
    expect(note.textContent).toContain('Ana Rivera’s Instacart account is not active');
    const search = screen.getByRole('button', { name: 'Find delivery times' });
    expect(note.compareDocumentPosition(search) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(screen.queryByText('Delivery times could not be listed')).toBeNull();
  });

  it('sends a new window and a new tip in one update', async () => {
    const send = setup();
    await pickFirstSlot();
    await choose(screen.getByLabelText('Start'), at('13:30'));
    await choose(screen.getByLabelText('End'), at('14:30'));
    await fireEvent.input(screen.getByLabelText('Pre-delivery tip'), { target: { value: '7.50' } });
    await save();
    expect(send.calls).toEqual([
      { service_option_id: 501, start_at: at('13:30'), end_at: at('14:30'), initial_tip_cents: 750 },
    ]);
    const saved = await screen.findByTestId('saved');
    expect(saved.textContent).toContain('Saved 2 changes; Instacart accepted the update. The window is now');
  });

  it('refuses a window the rule forbids before sending, on the field at fault', async () => {
    const send = setup();
    await pickFirstSlot();
    await choose(screen.getByLabelText('Start'), at('13:00'));
    await choose(screen.getByLabelText('End'), at('17:00'));
    await save();
    expect(send.calls).toEqual([]);
    expect(within(field('start_at')).getByText(/inside the time slot/)).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toContain('The order was not changed');
  });

  it("shows the API's refusal of a time slot on the slot list, called by its label", async () => {
    setup(() =>
      fail({
        code: 'api_error',
        apiCode: 1001,
        key: 'order.service_option_id',
        message: 'order.service_option_id: Invalid service option id.',
        hint: 'List the delivery times again and pick one of them.',
      }),
    );
    await pickFirstSlot();
    await save();
    await waitFor(() =>
      expect(within(field('service_option_id')).getByText('Invalid service option id.')).toBeTruthy(),
    );
    const summary = screen.getByTestId('error-summary');
    expect(summary.textContent).toContain('Delivery time: Invalid service option id.');
    expect(summary.textContent).not.toContain('order.service_option_id');
  });

  it('after a success: the confirmation is focused, and the same form cannot be sent again until it changes', async () => {
    const send = setup();
    await fireEvent.input(screen.getByLabelText('Pre-delivery tip'), { target: { value: '9' } });
    await save();
    const saved = await screen.findByTestId('saved');
    await waitFor(() => expect(document.activeElement).toBe(saved));
    const button = screen.getByRole('button', { name: 'Save changes' });
    expect(button.hasAttribute('disabled')).toBe(true);
    await fireEvent.submit(button.closest('form')!);
    expect(send.calls).toHaveLength(1);
    expect(screen.getByTestId('saved')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByTestId('recent-change').textContent).toContain('refuses another change until');
    await fireEvent.input(screen.getByLabelText('Items'), { target: { value: '13' } });
    expect(button.hasAttribute('disabled')).toBe(false);
  });

  it('says before sending when a recent change means Instacart will refuse another', () => {
    const recent = new Date(Date.now() - 5 * 60_000).toISOString();
    setup(accepted, { events: [{ at: recent, kind: 'tip', from: '500', to: '900', source: 'update' }] });
    expect(screen.getByTestId('recent-change').textContent).toMatch(/refuses another change until \d{1,2}:\d{2}/);
  });

  it('says how long the next change will be refused after this one', () => {
    setup();
    expect(screen.getByTestId('next-change').textContent).toMatch(/no other change until about \d{1,2}:\d{2}/);
  });

  it('explains the $500 cap before anything is sent', async () => {
    setup();
    expect(within(field('initial_tip_cents')).getByText(/refuses a tip above \$500\.00/)).toBeTruthy();
    await fireEvent.input(screen.getByLabelText('Pre-delivery tip'), { target: { value: '612.50' } });
    expect(screen.getByRole('status').textContent).toContain('over the $500.00 cap');
  });

  it('refuses a tip over the cap on the tip field and sends nothing', async () => {
    const send = setup();
    await fireEvent.input(screen.getByLabelText('Pre-delivery tip'), { target: { value: '500.01' } });
    await save();
    expect(send.calls).toEqual([]);
    expect(within(field('initial_tip_cents')).getByText(/above \$500\.00 is refused/)).toBeTruthy();
    expect(screen.getByLabelText('Pre-delivery tip').getAttribute('aria-invalid')).toBe('true');
  });

  it('sends exact cents read from the typed dollars, and only what changed', async () => {
    const send = setup();
    await fireEvent.input(screen.getByLabelText('Pre-delivery tip'), { target: { value: '0.29' } });
    await save();
    expect(send.calls).toEqual([{ initial_tip_cents: 29 }]);
    expect((await screen.findByTestId('saved')).textContent).toContain('Saved 1 change');
  });

  it('sends the other update fields with the tip, each read as the API wants it', async () => {
    const send = setup();
    await fireEvent.input(screen.getByLabelText('Pre-delivery tip'), { target: { value: '20' } });
    await fireEvent.input(screen.getByLabelText('Items'), { target: { value: '14' } });
    await fireEvent.input(screen.getByLabelText('Bags'), { target: { value: '4' } });
    await fireEvent.input(screen.getByLabelText('Weight (lbs)'), { target: { value: '15.25' } });
    await fireEvent.input(screen.getByLabelText('Cart total'), { target: { value: '100.10' } });
    await fireEvent.click(screen.getByLabelText('Contains alcohol'));
    await fireEvent.input(screen.getByLabelText(/Special instructions/), { target: { value: 'Ring twice' } });
    await save();
    expect(send.calls).toEqual([
      {
        initial_tip_cents: 2000,
        items_count: 14,
        bags_count: 4,
        items_weight: 15.25,
        cart_total: 100.1,
        alcoholic: true,
        special_instructions: 'Ring twice',
      },
    ]);
  });

  it('shows every bad field at once and sends nothing', async () => {
    const send = setup();
    await fireEvent.input(screen.getByLabelText('Pre-delivery tip'), { target: { value: '1.234' } });
    await fireEvent.input(screen.getByLabelText('Items'), { target: { value: '2.5' } });
    await fireEvent.input(screen.getByLabelText('Weight (lbs)'), { target: { value: 'heavy' } });
    await save();
    expect(send.calls).toEqual([]);
    expect(screen.getByRole('alert').textContent).toContain('3 fields need attention');
    expect(within(field('initial_tip_cents')).getByText(/at most two decimals/)).toBeTruthy();
    expect(within(field('items_count')).getByText(/whole number/)).toBeTruthy();
    expect(within(field('items_weight')).getByText(/number of lbs/)).toBeTruthy();
  });

  it('says so when nothing changed', async () => {
    const send = setup();
    await save();
    expect(send.calls).toEqual([]);
    expect(screen.getByRole('alert').textContent).toContain('Nothing to change');
  });

  it("puts the API's refusal on the field it names, with its hint", async () => {
    setup(() =>
      fail({
        code: 'api_error',
        apiCode: 1002,
        key: 'initial_tip_cents',
        message: 'Tip value is above maximum: $500.00.',
        hint: 'Lower the tip to $500.00 or less.',
      }),
    );
    await fireEvent.input(screen.getByLabelText('Pre-delivery tip'), { target: { value: '40' } });
    await save();
    const tip = within(field('initial_tip_cents'));
    expect(await tip.findByText('Tip value is above maximum: $500.00.')).toBeTruthy();
    expect(tip.getByText('Lower the tip to $500.00 or less.')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toContain('Connect error 1002');
  });

  it('disables saving offline and says why', () => {
    const { load } = setup(accepted, { blockedReason: 'Offline.' });
    expect(load.calls).toEqual([]);
    expect(screen.getByRole('button', { name: 'Find delivery times' }).hasAttribute('disabled')).toBe(true);
    const button = screen.getByRole('button', { name: 'Save changes' });
    expect(button.hasAttribute('disabled')).toBe(true);
    expect(document.getElementById(button.getAttribute('aria-describedby') ?? '')?.textContent).toContain('Offline.');
  });
});
