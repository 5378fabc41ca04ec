import { MAX_ORDER_ID } from './limits';
import { orderIdProblem } from './order-id';

/** The longest environment id the console makes (the contract's limit). */
const MAX_ENVIRONMENT_ID = 64;

/**
 * Links into the console from tickets and CRMs: `lastmile://order/<environment id>/<order id>` and
 * `lastmile://search?q=<text>`. A link is untrusted input from outside the console: anything but these
 * two forms is refused with a message, and a valid link only ever asks the console to show something.
 */
export const DEEP_LINK_SCHEME = 'lastmile';
export const MAX_DEEP_LINK_LENGTH = 2048;
const MAX_SEARCH_TEXT = 200;
/** Ids travel in a URL: letters, digits and the few marks ids use, never spaces, slashes or controls. */
const ID_CHARACTERS = /^[\w.:~@+-]+$/;

export type DeepLink = { kind: 'order'; environmentId: string; orderId: string } | { kind: 'search'; query: string };

export type DeepLinkResult = { ok: true; link: DeepLink } | { ok: false; message: string; hint: string };

const FORMS = 'lastmile://order/<environment>/<order id> or lastmile://search?q=<text>';

function refuse(message: string): DeepLinkResult {
  return { ok: false, message, hint: `Ask for a link of the form ${FORMS}.` };
}

function decode(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

/** Zod-free, so the page that reads links (the browser host) bundles no schema library (its CSP forbids eval). */
function checkId(value: string | null, what: string, max: number): string | null {
  if (value === null || !ID_CHARACTERS.test(value)) return `The link's ${what} has characters an id cannot have.`;
  if (value.length > max) return `The link's ${what} is too long: an id is at most ${max} characters.`;
  const problem = what === 'order id' ? orderIdProblem(value) : null;
  return problem ? `The link's ${what} is not valid: ${problem}` : null;
}

/** A link cut into its parts by hand: shared/ runs where no URL class is declared, and the forms are few. */
interface LinkParts {
  scheme: string;
  authority: string;
  path: string;
  query: string | null;
  fragment: boolean;
}

function splitLink(raw: string): LinkParts | null {
  const match = /^([a-z][a-z\d+.-]*):(.*)$/is.exec(raw.trim());
  if (!match) return null;
  const [, scheme = '', rest = ''] = match;
  const hashAt = rest.indexOf('#');
  const beforeHash = hashAt >= 0 ? rest.slice(0, hashAt) : rest;
  const queryAt = beforeHash.indexOf('?');
  const hierarchy = queryAt >= 0 ? beforeHash.slice(0, queryAt) : beforeHash;
  const query = queryAt >= 0 ? beforeHash.slice(queryAt + 1) : null;
  if (!hierarchy.startsWith('//')) return { scheme, authority: '', path: hierarchy, query, fragment: hashAt >= 0 };
  const pathAt = hierarchy.indexOf('/', 2);
  return {
    scheme: scheme.toLowerCase(),
    authority: (pathAt >= 0 ? hierarchy.slice(2, pathAt) : hierarchy.slice(2)).toLowerCase(),
    path: pathAt >= 0 ? hierarchy.slice(pathAt) : '',
    query,
    fragment: hashAt >= 0,
  };
}

function orderLink(link: LinkParts): DeepLinkResult {
  if (link.query !== null) return refuse('An order link takes no query (the part after "?").');
  const parts = link.path.split('/').slice(1);
  if (parts.length !== 2 || !parts[0] || !parts[1]) {
    return refuse('An order link names an environment and one order: lastmile://order/<environment>/<order id>.');
  }
  const [env, order] = parts.map(decode) as [string | null, string | null];
  const problem = checkId(env, 'environment', MAX_ENVIRONMENT_ID) ?? checkId(order, 'order id', MAX_ORDER_ID);
  if (problem) return refuse(problem);
  return { ok: true, link: { kind: 'order', environmentId: env as string, orderId: order as string } };
}

function searchLink(link: LinkParts): DeepLinkResult {
  if (link.path !== '' && link.path !== '/') return refuse('A search link has no path: lastmile://search?q=...');
  const pairs = (link.query ?? '').split('&').filter(Boolean);
  const [first] = pairs;
  if (pairs.length !== 1 || !first?.startsWith('q=')) return refuse('A search link carries exactly one parameter, q.');
  const query = decode(first.slice(2).replace(/\+/g, ' '))?.trim();
  if (query === undefined) return refuse('The search text is not readable (a bad % escape).');
  if (!query) return refuse('The search link has nothing to search for.');
  if (query.length > MAX_SEARCH_TEXT) return refuse(`The search text is longer than ${MAX_SEARCH_TEXT} characters.`);
  if (/\p{Cc}/u.test(query)) return refuse('The search text has control characters.');
  return { ok: true, link: { kind: 'search', query } };
}

export function parseDeepLink(raw: string): DeepLinkResult {
  if (raw.length > MAX_DEEP_LINK_LENGTH) return refuse(`The link is longer than ${MAX_DEEP_LINK_LENGTH} characters.`);
  const link = splitLink(raw);
  if (!link) return refuse('This is not a link the console can read.');
  if (link.scheme !== DEEP_LINK_SCHEME) {
    return refuse(`Only ${DEEP_LINK_SCHEME}:// links open in the console; this one is ${link.scheme.slice(0, 20)}:.`);
  }
  if (/[@:]/.test(link.authority) || link.fragment) {
    return refuse('The link carries a user, a port or a "#" part, which console links never have.');
  }
  if (link.authority === 'order') return orderLink(link);
  if (link.authority === 'search') return searchLink(link);
  return refuse(`The console opens orders and searches; this link asks for "${link.authority.slice(0, 40)}".`);
}

/** The first console link among a command line's arguments (Windows and Linux hand links over this way). */
export function deepLinkInArgs(args: readonly string[]): string | null {
  return args.find((arg) => arg.toLowerCase().startsWith(`${DEEP_LINK_SCHEME}:`)) ?? null;
}
