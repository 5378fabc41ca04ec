import { describe, expect, it } from 'vitest';
import { parseDeepLink } from '../../shared/deep-link';
import type { EnvironmentView } from '../../shared/domain';
import { planLink } from '../../renderer/lib/deep-link';

function env(id: string, name: string): EnvironmentView {
  return {
    id,
    name,
    kind: 'custom',
    baseUrl: 'https://x',
    clientId: 'c',
    hasSecret: true,
    lastVerifiedAt: null,
    builtIn: false,
    timeZone: 'America/Los_Angeles',
    storeTimeZones: {},
  };
}

const environments = { list: [env('sandbox', 'Sandbox'), env('prod', 'Production')], selectedId: 'sandbox' };

describe('opening a console link in the page', () => {
  it('opens an order of the environment in use', () => {
    expect(planLink(parseDeepLink('lastmile://order/sandbox/ORD-1'), environments)).toEqual({
      kind: 'go',
      route: { name: 'order', environmentId: 'sandbox', orderId: 'ORD-1' },
    });
  });

  it('names another environment and offers to switch, without switching', () => {
    const plan = planLink(parseDeepLink('lastmile://order/prod/ORD-1'), environments);
    expect(plan).toMatchObject({
      kind: 'notice',
      message: expect.stringContaining('in Production, not the environment in use'),
      switchTo: { id: 'prod', name: 'Production', route: { name: 'order', environmentId: 'prod', orderId: 'ORD-1' } },
    });
  });

  it('says so for an environment this console does not have', () => {
    const plan = planLink(parseDeepLink('lastmile://order/staging-eu/ORD-1'), environments);
    expect(plan).toMatchObject({ kind: 'notice', message: expect.stringContaining('"staging-eu"') });
    expect(plan).not.toHaveProperty('switchTo');
  });

  it('turns a refused link into a notice, and a search link into a search', () => {
    expect(planLink(parseDeepLink('lastmile://drop/tables'), environments)).toMatchObject({
      kind: 'notice',
      message: expect.stringMatching(/^The link was not opened\./),
    });
    expect(planLink(parseDeepLink('lastmile://search?q=Quinn'), environments)).toEqual({
      kind: 'go',
      route: { name: 'search' },
      searchText: 'Quinn',
    });
  });
});
