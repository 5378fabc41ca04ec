import { describe, expect, it } from 'vitest';
import { deepLinkInArgs, parseDeepLink } from '../../../shared/deep-link';

describe('console links', () => {
  it('reads an order link and a search link', () => {
    expect(parseDeepLink('lastmile://order/sandbox/ORD-1001')).toEqual({
      ok: true,
      link: { kind: 'order', environmentId: 'sandbox', orderId: 'ORD-1001' },
    });
    expect(parseDeepLink('lastmile://order/prod-eu/ord%3A42')).toMatchObject({ link: { orderId: 'ord:42' } });
    expect(parseDeepLink('LASTMILE://search?q=%28415%29%20555-0123')).toEqual({
      ok: true,
      link: { kind: 'search', query: '(415) 555-0123' },
    });
  });

  it.each([
    ['https://evil.example/order/sandbox/1', /Only lastmile:\/\//],
    ['javascript:alert(1)', /Only lastmile:\/\//],
    ['lastmile://settings/delete-all', /asks for "settings"/],
    ['lastmile://order/sandbox', /names an environment and one order/],
    ['lastmile://order/sandbox/1/edit', /names an environment and one order/],
    ['lastmile://order//1', /names an environment and one order/],
    ['lastmile://order/sandbox/1?action=stage', /takes no query/],
    ['lastmile://order/sandbox/1#x', /"#" part/],
    ['lastmile://user:pw@order/sandbox/1', /user, a port/],
    ['lastmile://order/sandbox/%E0%A4%A', /order id has characters/],
    ['lastmile://order/sandbox/a%2Fb', /order id has characters/],
    ['lastmile://order/sandbox/a%20b', /order id has characters/],
    [`lastmile://order/sandbox/${'1'.repeat(129)}`, /at most 128/],
    [`lastmile://order/${'e'.repeat(65)}/1`, /at most 64/],
    [`lastmile://search?q=${'a'.repeat(2100)}`, /longer than 2048/],
    [`lastmile://search?q=${'a'.repeat(201)}`, /longer than 200/],
    ['lastmile://search?q=a&q=b', /exactly one parameter/],
    ['lastmile://search?q=%20', /nothing to search/],
    ['lastmile://search?q=a%00b', /control characters/],
    ['lastmile://search/x?q=a', /has no path/],
    ['not a link', /not a link/],
  ])('refuses %s with a message and a hint', (raw, message) => {
    const result = parseDeepLink(raw);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toMatch(message);
    expect(result.hint).toMatch(/lastmile:\/\/order/);
  });

  it('finds the link among the arguments of a second launch', () => {
    expect(deepLinkInArgs(['/opt/app/last-mile-console', '--no-x', 'lastmile://order/sandbox/1'])).toBe(
      'lastmile://order/sandbox/1',
    );
    expect(deepLinkInArgs(['/opt/app/last-mile-console'])).toBeNull();
  });
});
