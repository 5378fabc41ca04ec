/**
 * What an order id may hold, and how the console makes one. An order id becomes a path segment of the
 * Connect URL (`/orders/{order_id}/staged`), so an id a URL would read as something else is refused here,
 * once, for every way an id comes in (forms, channels, sheets): `.` and `..` are dot segments the URL
 * library resolves into another endpoint, and a percent code such as `%2e` is one a server or proxy may
 * decode into one. Slashes, `?` and `#` are refused too although the client encodes them: no real retailer
 * id holds them, and such an id is nearly always a pasted web address.
 */

/** Why the order id (already trimmed) cannot be used, with what to do; null when it is fine. */
export function orderIdProblem(id: string): string | null {
  if (/^\.+$/.test(id)) {
    return `The order id "${id}" is only dots, which a web address reads as a folder: type the retailer's order id.`;
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f]/.test(id)) {
    return 'The order id holds a control character (a tab, line break or other invisible character): remove it.';
  }
  const pathCharacter = /[/\\?#]/.exec(id)?.[0];
  if (pathCharacter) {
    return `The order id holds "${pathCharacter}", which a web address reads as part of its path: type the order id alone, without "${pathCharacter}".`;
  }
  const percentCode = /%[0-9a-f]{2}/i.exec(id)?.[0];
  if (percentCode) {
    return `The order id holds "${percentCode}", a web address's code for another character: type the order id as the shop shows it.`;
  }
  return null;
}

// Crockford's base32: no I, L, O or U, so an id read aloud over the phone is not misheard.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** The Web Crypto call, present in Node 20 and in the page alike (shared/ is typed without either). */
interface RandomSource {
  getRandomValues<T extends Uint8Array>(array: T): T;
}

function randomBytes(size: number): Uint8Array {
  return (globalThis as unknown as { crypto: RandomSource }).crypto.getRandomValues(new Uint8Array(size));
}

/**
 * A retailer order id for a create the user left blank, or for the form to start from. Creates must always
 * carry one: it is what makes a create safe to retry (a second create with the same id is refused, and a get
 * finds the first). 60 random bits: no two consoles ever pick the same.
 */
export function newOrderId(bytes: (size: number) => Uint8Array = randomBytes): string {
  let id = '';
  for (const byte of bytes(12)) id += ALPHABET[byte % 32];
  return `LMC-${id}`;
}
