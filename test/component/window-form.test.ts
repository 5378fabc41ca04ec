import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import type { ScopedInput } from '../../renderer/lib/api';
import { afterEach, describe, expect, it } from 'vitest';
import type { OrderDetail } from '../../shared/contract';
import type { ServiceOption } from '../../shared/domain';
import type { Result } from '../../shared/result';
import { fail, ok } from '../../shared/result';
import WindowForm from '../../renderer/forms/WindowForm.svelte';
import type { WindowChange } from '../../renderer/lib/window-form';
import { choose, detailOf, orderRecord, recorder, serviceOption } from './fixtures';

afterEach(cleanup);

const options = [serviceOption(501, 14), serviceOption(502, 16, false)];

function setup(
  answer: (change: WindowChange) => Result<OrderDetail> = () => ok(detailOf(orderRecord())),
  order = orderRecord(),
) {
  const load = recorder<ScopedInput<'orders:service-options'>, ServiceOption[]>(() => ok(options));
  const send = recorder(answer);
  render(WindowForm, {
    props: {
      order,
      stores: ['store-1'],
      loadOptions: load.fn,
      send: send.fn,
      blockedReason: null,
      zone: 'America/Los_Angeles',
    },
  });
  return { load, send };
}

const field = (name: string) => document.querySelector<HTMLElement>(`[data-field="${name}"]`)!;
const at = (hhmm: string) => `2026-07-01T${hhmm}:00Z`;

async function chooseFirstOption(): Promise<void> {
  const radios = await screen.findAllByRole('radio');
  await fireEvent.click(radios[0]!);
  await screen.findByLabelText('Start');
}

async function pick(start: string, end: string): Promise<void> {
  await choose(screen.getByLabelText('Start'), at(start));
  await choose(screen.getByLabelText('End'), at(end));
}

const submit = () => fireEvent.click(screen.getByRole('button', { name: 'Change window' }));

describe('the delivery window form', () => {
  it("lists the order's delivery times with what the order already knows", async () => {
    const { load } = setup();
    await screen.findAllByRole('radio');
    expect(load.calls).toEqual([
      {
        userId: 'user-1',
        locationCode: 'store-1',
        address: { address_line_1: '1 Market Street', postal_code: '94105' },
      },
    ]);
    expect(screen.getByText('unavailable: full')).toBeTruthy();
  });

  it('asks for what is missing before it can list times', async () => {
    const { load } = setup(
      undefined,
      orderRecord({ userId: null, address: null, addressLine1: null, postalCode: null }),
    );
    await fireEvent.click(screen.getByRole('button', { name: 'Find delivery times' }));
    expect(load.calls).toEqual([]);
    expect(within(field('userId')).getByText(/user id/)).toBeTruthy();
    expect(within(field('address.postal_code')).getByText('Enter the postal code.')).toBeTruthy();
  });

  it('shows which start and end times the rule allows for the chosen time slot', async () => {
    setup();
    await chooseFirstOption();
    const startChoices = [...screen.getByLabelText<HTMLSelectElement>('Start').options];
    const allowed = startChoices.filter((o) => !o.textContent?.includes('outside the rule')).map((o) => o.value);
    expect(allowed[0]).toBe(at('12:00'));
    expect(allowed.at(-1)).toBe(at('16:00'));
    expect(startChoices.some((o) => o.value === at('11:45') && o.textContent?.includes('outside the rule'))).toBe(true);
    expect(screen.getByText(/fits the window rule/)).toBeTruthy();
  });

  it('refuses a window the rule forbids before sending, on the field at fault', async () => {
    const { send } = setup();
    await chooseFirstOption();
    await pick('13:00', '17:00');
    await submit();
    expect(send.calls).toEqual([]);
    expect(screen.getByLabelText<HTMLSelectElement>('Start').value).toBe(at('13:00'));
    expect(field('end_at').textContent).not.toContain('within 2 hours');
    expect(screen.getByRole('alert').textContent).toContain('breaks the delivery-window rule');
    expect(within(field('start_at')).getByText(/inside the time slot/)).toBeTruthy();
  });

  it('sends the option, start and end of a window the rule allows', async () => {
    const { send } = setup();
    await chooseFirstOption();
    await pick('13:30', '14:30');
    await submit();
    expect(send.calls).toEqual([{ service_option_id: 501, start_at: at('13:30'), end_at: at('14:30') }]);
    expect((await screen.findByRole('status', { name: '' })).textContent).toContain('Window changed');
  });

  it('shows a full time slot without letting it be picked', async () => {
    setup();
    const radios = await screen.findAllByRole('radio');
    expect(radios.map((radio) => (radio as HTMLInputElement).disabled)).toEqual([false, true]);
    expect(radios[1]!.closest('label')!.textContent).toContain('unavailable: full');
  });

  it("shows the API's refusal in place, on the field it names, called by its label", async () => {
    setup(() =>
      fail({
        code: 'api_error',
        apiCode: 1001,
        key: 'order.service_option_id',
        // As the client writes a keyed API error: the key first, which the form replaces with the label.
        message: 'order.service_option_id: Invalid service option id.',
        hint: 'List the delivery times again and pick one of them.',
      }),
    );
    await chooseFirstOption();
    await submit();
    await waitFor(() =>
      expect(within(field('service_option_id')).getByText('Invalid service option id.')).toBeTruthy(),
    );
    expect(field('service_option_id').classList.contains('invalid')).toBe(true);
    const summary = screen.getByTestId('error-summary');
    expect(summary.textContent).toContain('Delivery time: Invalid service option id.');
    expect(summary.textContent).not.toContain('order.service_option_id');
  });
});
