import type { Address } from '../../../../shared/domain';
import { assumptions } from '../assumptions';
import { documented } from '../errors';
import type { Problem } from '../problem';
import { classifyPostalCode } from '../stores';

export type Body = Record<string, unknown>;

/** Collects the problems of one request's fields, reading each field once with its type. */
export class Fields {
  readonly problems: Problem[] = [];

  constructor(readonly body: Body) {}

  /** null counts as absent, as it does for the API. */
  has(key: string): boolean {
    return this.body[key] !== undefined && this.body[key] !== null;
  }

  add(problem: Problem): void {
    this.problems.push(problem);
  }

  private invalid(key: string): undefined {
    this.add(assumptions.invalidParameter.problem(key));
    return undefined;
  }

  int(key: string, required = false, min = 0): number | undefined {
    if (!this.has(key)) return required ? this.invalid(key) : undefined;
    const value = this.body[key];
    return typeof value === 'number' && Number.isSafeInteger(value) && value >= min ? value : this.invalid(key);
  }

  number(key: string, required = false): number | undefined {
    if (!this.has(key)) return required ? this.invalid(key) : undefined;
    const value = this.body[key];
    return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : this.invalid(key);
  }

  string(key: string, required = false, max = 2000): string | undefined {
    if (!this.has(key)) return required ? this.invalid(key) : undefined;
    const value = this.body[key];
    return typeof value === 'string' && value.trim() !== '' && value.length <= max ? value : this.invalid(key);
  }

  /** Optional free text: blank is allowed. */
  text(key: string, max = 2000): string | undefined {
    if (!this.has(key)) return undefined;
    const value = this.body[key];
    return typeof value === 'string' && value.length <= max ? value : this.invalid(key);
  }

  boolean(key: string): boolean | undefined {
    if (!this.has(key)) return undefined;
    const value = this.body[key];
    return typeof value === 'boolean' ? value : this.invalid(key);
  }

  /** An integer, or a string of digits (the async page sends the hold id as a string). */
  id(key: string): number | undefined {
    const value = this.body[key];
    if (typeof value === 'string' && /^\d{1,15}$/.test(value)) return Number(value);
    return this.int(key, true);
  }
}

const NAME = /^\p{L}[\p{L}\p{M}' .-]{0,63}$/u;

export function isValidName(value: unknown): boolean {
  return typeof value === 'string' && NAME.test(value.trim());
}

const PO_BOX = /\b(?:p\.?\s*o\.?\s*box|post\s+office\s+box)\b/i;
const STREET = /^\d+[A-Za-z]?(?:[-/]\d+[A-Za-z]?)?\s+\S/;

/** The address rows of create (also used by the service options list). */
export function readAddress(fields: Fields, key = 'address'): Address | undefined {
  const value = fields.body[key];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fields.add(documented.addressMissing);
    return undefined;
  }
  const raw = value as Body;
  const line1 = raw.address_line_1;
  const postal = raw.postal_code;
  const optionalText = (v: unknown) => v === undefined || v === null || typeof v === 'string';
  if (
    typeof line1 !== 'string' ||
    line1.trim() === '' ||
    typeof postal !== 'string' ||
    postal.trim() === '' ||
    !optionalText(raw.address_line_2) ||
    !optionalText(raw.address_type)
  ) {
    fields.add(documented.addressMissing);
    return undefined;
  }
  const line2 = typeof raw.address_line_2 === 'string' ? raw.address_line_2 : undefined;
  let ok = true;
  if (PO_BOX.test(line1) || (line2 !== undefined && PO_BOX.test(line2))) {
    fields.add(documented.poBox);
    ok = false;
  } else if (!STREET.test(line1.trim())) {
    fields.add(documented.addressInvalid);
    ok = false;
  }
  const postalClass = classifyPostalCode(postal);
  if (postalClass === 'not_found') fields.add(documented.postalCodeNotFound);
  if (postalClass === 'unsupported') fields.add(documented.postalCodeNotSupported);
  if (!ok || postalClass !== 'served') return undefined;
  const address: Address = { address_line_1: line1.trim(), postal_code: postal.trim() };
  if (line2) address.address_line_2 = line2;
  if (typeof raw.address_type === 'string') address.address_type = raw.address_type;
  return address;
}

/** en-US or en_US in, en_US out. */
export function readLocale(fields: Fields): string | undefined {
  if (!fields.has('locale')) return undefined;
  const value = fields.body.locale;
  const match = typeof value === 'string' ? /^([a-z]{2,3})(?:[-_]([A-Z]{2}))?$/.exec(value) : null;
  if (!match) {
    fields.add(assumptions.invalidParameter.problem('locale'));
    return undefined;
  }
  return match[2] ? `${match[1]}_${match[2]}` : (match[1] ?? 'en');
}
