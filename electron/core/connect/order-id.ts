import { randomBytes } from 'node:crypto';

// Crockford's base32: no I, L, O or U, so an id read aloud over the phone is not misheard.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A retailer order id for a create the user left blank. Creates must always carry one: it is what makes
 * a create safe to retry (a second create with the same id is refused, and a get finds the first).
 */
export function newOrderId(bytes: (size: number) => Uint8Array = randomBytes): string {
  const random = bytes(12);
  let id = '';
  for (const byte of random) id += ALPHABET[byte % 32];
  return `LMC-${id}`;
}
