import { describe, expect, it, vi } from 'vitest';
import { CoreError } from '../../electron/core/core-error';
import type { Handlers } from '../../shared/contract';
import { createDispatcher } from '../../electron/ipc/register';

const trusted = { url: 'app://lastmile/index.html' };

function dispatcherWith(overrides: Partial<Handlers>, reportBug = vi.fn()) {
  const handlers = new Proxy(overrides, {
    get: (target, name: string) =>
      target[name as keyof Handlers] ??
      (() => {
        throw new Error(`unexpected call to ${name}`);
      }),
  }) as Handlers;
  return createDispatcher(handlers, { isTrustedSender: (s) => s.url.startsWith('app://lastmile/'), reportBug });
}

describe('the channel dispatcher', () => {
  it('validates input at run time and names each wrong field without calling the core', async () => {
    const update = vi.fn();
    const dispatch = dispatcherWith({ 'orders:update': update });
    const result = await dispatch(
      'orders:update',
      { environmentId: 'sandbox', orderId: '', changes: { initial_tip_cents: 12.5, surprise: true } },
      trusted,
    );
    expect(update).not.toHaveBeenCalled();
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid_input');
    expect(result.error.message).toContain('orders:update');
    const keys = result.error.details?.map((d) => d.key);
    expect(keys).toEqual(expect.arrayContaining(['orderId', 'changes.initial_tip_cents', 'changes']));
    expect(result.error.details?.find((d) => d.key === 'changes.initial_tip_cents')?.message).toBe(
      'Tip must be whole cents.',
    );
    expect(result.error.hint).toMatch(/nothing was changed/i);
  });

  it('passes validated input, with defaults applied, to the handler', async () => {
    const search = vi.fn(async () => ({ rows: [], offset: 0, total: 0, totalIsCapped: false, tookMs: 0 }));
    const dispatch = dispatcherWith({ 'orders:search': search });
    const result = await dispatch('orders:search', { environmentId: 'sandbox', text: 'kamal' }, trusted);
    expect(result).toEqual({ ok: true, value: { rows: [], offset: 0, total: 0, totalIsCapped: false, tookMs: 0 } });
    expect(search).toHaveBeenCalledWith({ environmentId: 'sandbox', text: 'kamal', offset: 0, limit: 100 });
  });

  it('refuses a sender that is not the console page', async () => {
    const info = vi.fn();
    const dispatch = dispatcherWith({ 'app:info': info });
    const result = await dispatch('app:info', undefined, { url: 'https://evil.example/' });
    expect(info).not.toHaveBeenCalled();
    expect(result).toMatchObject({ ok: false, error: { code: 'untrusted_sender' } });
  });

  it('refuses a channel the contract does not declare', async () => {
    const dispatch = dispatcherWith({});
    const result = await dispatch('shell:exec', { cmd: 'rm -rf /' }, trusted);
    expect(result).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
  });

  it('passes a CoreError through unchanged and hides any other failure behind a plain message', async () => {
    const reportBug = vi.fn();
    const dispatch = dispatcherWith(
      {
        'orders:get': async () => {
          throw new CoreError({ code: 'api_error', apiCode: 4000, status: 404, message: 'Resource not found' });
        },
        'orders:stores': async () => {
          throw new Error('SQLITE_CORRUPT at /home/someone/secret/path');
        },
      },
      reportBug,
    );
    expect(await dispatch('orders:get', { environmentId: 'sandbox', orderId: 'A1' }, trusted)).toEqual({
      ok: false,
      error: { code: 'api_error', apiCode: 4000, status: 404, message: 'Resource not found' },
    });
    const hidden = await dispatch('orders:stores', { environmentId: 'sandbox' }, trusted);
    expect(hidden).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(hidden)).not.toContain('/home/someone');
    expect(reportBug).toHaveBeenCalledOnce();
  });
});
