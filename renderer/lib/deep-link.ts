import type { DeepLinkResult } from '../../shared/deep-link';
import type { EnvironmentView } from '../../shared/domain';
import type { Route } from './router.svelte';

/** What opening a console link does: show a screen, or say why not (and never act on another environment). */
export type LinkPlan =
  | { kind: 'go'; route: Route; searchText?: string }
  | { kind: 'notice'; message: string; hint: string; switchTo?: { id: string; name: string; route: Route } };

export function planLink(
  result: DeepLinkResult,
  environments: { list: readonly EnvironmentView[]; selectedId: string | null },
): LinkPlan {
  if (!result.ok) return { kind: 'notice', message: `The link was not opened. ${result.message}`, hint: result.hint };
  const { link } = result;
  if (link.kind === 'search') return { kind: 'go', route: { name: 'search' }, searchText: link.query };
  const route: Route = { name: 'order', environmentId: link.environmentId, orderId: link.orderId };
  const target = environments.list.find((env) => env.id === link.environmentId);
  if (!target) {
    return {
      kind: 'notice',
      message: `The link is for order ${link.orderId} in the environment "${link.environmentId}", which this console does not have.`,
      hint: 'Add that environment on the Environments screen, or ask for a link to one of yours.',
    };
  }
  if (target.id !== environments.selectedId) {
    return {
      kind: 'notice',
      message: `The link is for order ${link.orderId} in ${target.name}, not the environment in use.`,
      hint: `Switch to ${target.name} to open it.`,
      switchTo: { id: target.id, name: target.name, route },
    };
  }
  return { kind: 'go', route };
}
