import { cleanup, fireEvent, render, screen, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import type { OrderDetail } from '../../shared/contract';
import type { OrderChanges } from '../../renderer/lib/order-edit-form';
import { fail, ok } from '../../shared/result';
import OrderEditForm from '../../renderer/forms/OrderEditForm.svelte';
import { detailOf, orderRecord, recorder } from './fixtures';

afterEach(cleanup);

function setup(
  answer = (changes: OrderChanges) =>
    ok<OrderDetail>(detailOf(orderRecord({ tipCents: changes.initial_tip_cents ?? 500 }))),
) {
  const send = recorder(answer);
  render(OrderEditForm, { props: { order: orderRecord(), send: send.fn, blockedReason: null } });
  return send;
}

const field = (name: string) => document.querySelector<HTMLElement>(`[data-field="${name}"]`)!;
const save = () => fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));

describe('the tip and details form', () => {
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
    expect((await screen.findByRole('status')).textContent).toContain('Saved 1 change');
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
    render(OrderEditForm, {
      props: { order: orderRecord(), send: recorder(() => ok(detailOf(orderRecord()))).fn, blockedReason: 'Offline.' },
    });
    const button = screen.getByRole('button', { name: 'Save changes' });
    expect(button.hasAttribute('disabled')).toBe(true);
    expect(document.getElementById(button.getAttribute('aria-describedby') ?? '')?.textContent).toContain('Offline.');
  });
});
