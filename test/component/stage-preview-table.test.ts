import { cleanup, fireEvent, render, screen, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import type { LineError, StageRow } from '../../shared/contract';
import type { AppError } from '../../shared/result';
import StagePreviewHarness from './StagePreviewHarness.svelte';
import { editableRows } from '../../renderer/lib/staging-rows';

afterEach(cleanup);

function setup(rows: StageRow[], lineErrors: LineError[] = [], answer: AppError | null = null) {
  const started: { rows: StageRow[]; name: string }[] = [];
  render(StagePreviewHarness, {
    props: {
      rows: editableRows(rows),
      lineErrors,
      excluded: [],
      environmentName: 'Sandbox',
      onstart: async (picked: StageRow[], name: string) => {
        started.push({ rows: picked, name });
        return answer;
      },
      onback: () => {},
    },
  });
  return started;
}

const cell = (label: string) => screen.getByLabelText<HTMLInputElement>(label);
const type = (label: string, value: string) => fireEvent.input(cell(label), { target: { value } });
const start = () => fireEvent.click(screen.getByRole('button', { name: /^Start staging/ }));

describe('the staging preview', () => {
  it('shows the values of every row and the lines of the sheet that were left out', () => {
    setup(
      [
        { orderId: 'A1', line: 2, bags_count: 2, items_count: 5 },
        { orderId: 'A2', line: 4, bag_label: 'Blue 7' },
      ],
      [{ line: 3, orderId: 'A9', message: 'The bags count is not a whole number: "two".' }],
    );
    expect(cell('Bags for order A1').value).toBe('2');
    expect(cell('Items for order A1').value).toBe('5');
    expect(cell('Bag label for order A2').value).toBe('Blue 7');
    expect(within(screen.getByTestId('line-errors')).getByText(/Line 3 \(A9\)/).parentElement?.textContent).toContain(
      'not a whole number',
    );
    expect(screen.getByRole('button', { name: 'Start staging 2 orders in Sandbox' })).toBeTruthy();
  });

  it('counts the lines a capped list left out, and shows its summary without a line number', () => {
    const summary = '…and 5,000 more lines like these, not listed: "Order … appears more than once" (5,000).';
    setup(
      [{ orderId: 'A1', line: 2 }],
      [
        { line: 3, orderId: 'A1', message: 'Order A1 is already on line 2.' },
        { line: 4, omitted: 5000, message: summary },
      ],
    );
    expect(screen.getByRole('heading', { name: '5,001 lines were left out' })).toBeTruthy();
    const items = within(screen.getByTestId('line-errors')).getAllByRole('listitem');
    expect(items.map((item) => item.textContent?.trim())).toEqual([
      expect.stringMatching(/^Line 3 \(A1\):\s+Order A1 is already on line 2\.$/),
      summary,
    ]);
  });

  it('starts with the edited values, as numbers, leaving empty ones unsent', async () => {
    const started = setup([
      { orderId: 'A1', line: 2, bags_count: 2 },
      { orderId: 'A2', line: 3 },
    ]);
    await type('Bags for order A1', '4');
    await type('Weight (lb) for order A2', ' 3.5 ');
    await fireEvent.input(screen.getByLabelText('Job name'), { target: { value: 'Evening shift' } });
    await start();
    expect(started).toEqual([
      {
        name: 'Evening shift',
        rows: [
          { orderId: 'A1', line: 2, bags_count: 4 },
          { orderId: 'A2', line: 3, items_weight: 3.5 },
        ],
      },
    ]);
  });

  it('refuses to start while a row is wrong, naming each problem next to its cell', async () => {
    const started = setup([
      { orderId: 'A1', line: 2 },
      { orderId: 'A2', line: 3 },
      { orderId: 'A3', line: 4 },
    ]);
    await type('Bags for order A1', 'two');
    await type('Items for order A2', '-1');
    await type('Weight (lb) for order A3', '2.5');
    await type('Bags for order A3', '1.5');
    await start();

    expect(started).toEqual([]);
    const alert = screen.getByText('3 rows need a fix before the job can start.');
    expect(document.activeElement).toBe(alert);
    const bags = cell('Bags for order A1');
    expect(bags.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(bags.getAttribute('aria-describedby')!)?.textContent).toMatch(
      /"two" is not a number/,
    );
    const items = cell('Items for order A2');
    expect(document.getElementById(items.getAttribute('aria-describedby')!)?.textContent).toBe(
      'The items count cannot be negative.',
    );
    const half = cell('Bags for order A3');
    expect(document.getElementById(half.getAttribute('aria-describedby')!)?.textContent).toBe(
      'The bags count is a whole number.',
    );
    expect(cell('Weight (lb) for order A3').getAttribute('aria-invalid')).toBeNull();

    // Fixed, the same rows start.
    await type('Bags for order A1', '2');
    await type('Items for order A2', '');
    await type('Bags for order A3', '1');
    await start();
    expect(started.map((s) => s.rows.map((r) => r.orderId))).toEqual([['A1', 'A2', 'A3']]);
    expect(screen.queryByText(/need a fix/)).toBeNull();
  });

  it('refuses a label longer than the API takes, and an order listed twice', async () => {
    const started = setup([
      { orderId: 'A1', line: 2 },
      { orderId: 'A1', line: 5 },
    ]);
    const labels = screen.getAllByLabelText<HTMLInputElement>('Bag label for order A1');
    await fireEvent.input(labels[0]!, { target: { value: 'x'.repeat(65) } });
    await fireEvent.input(screen.getAllByLabelText('Bags for order A1')[1]!, { target: { value: '10001' } });
    await start();
    expect(screen.getByText('The bags count is at most 10,000.')).toBeTruthy();
    expect(started).toEqual([]);
    expect(screen.getByText('A bag label is at most 64 characters.')).toBeTruthy();
    expect(screen.getByText('Order A1 is also in row 1: remove one of them.')).toBeTruthy();

    await fireEvent.click(screen.getAllByRole('button', { name: 'Remove order A1' })[1]!);
    await type('Bag label for order A1', 'Blue');
    await start();
    expect(started).toEqual([{ name: '', rows: [{ orderId: 'A1', line: 2, bag_label: 'Blue' }] }]);
  });

  it('sets a value on every row at once, and checks it first', async () => {
    const started = setup([
      { orderId: 'A1', line: 1, bags_count: 2 },
      { orderId: 'A2', line: 2 },
    ]);
    const forAll = within(screen.getByRole('group', { name: 'Set for every row' }));
    await fireEvent.input(forAll.getByLabelText('Bags'), { target: { value: 'many' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Apply to all rows' }));
    expect(forAll.getByText(/"many" is not a number/)).toBeTruthy();
    expect(cell('Bags for order A1').value).toBe('2');

    await fireEvent.input(forAll.getByLabelText('Bags'), { target: { value: '3' } });
    await fireEvent.input(forAll.getByLabelText('Items'), { target: { value: '12' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Apply to all rows' }));
    await start();
    expect(started[0]?.rows).toEqual([
      { orderId: 'A1', line: 1, bags_count: 3, items_count: 12 },
      { orderId: 'A2', line: 2, bags_count: 3, items_count: 12 },
    ]);
  });

  it('shows why the core refused to start', async () => {
    setup([{ orderId: 'A1', line: 1 }], [], {
      code: 'environment_offline',
      message: 'The Connect API cannot be reached.',
      hint: 'Try again when the console is back online.',
    });
    await start();
    expect(await screen.findByText('The Connect API cannot be reached.')).toBeTruthy();
    expect(screen.getByText('Try again when the console is back online.')).toBeTruthy();
  });
});
