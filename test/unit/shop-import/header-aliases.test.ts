import { describe, expect, it } from 'vitest';
import { headersKey, normalHeader, proposeMapping } from '../../../electron/core/shop-import/header-aliases';

describe('header aliases of shop exports', () => {
  it('compares headers without case, spaces or punctuation, "#" read as number', () => {
    expect(normalHeader('Order #')).toBe('ordernumber');
    expect(normalHeader(' Weight (lb) ')).toBe('weightlb');
    expect(normalHeader('Apt/Suite')).toBe('aptsuite');
  });

  it('proposes a column for each field from its usual names', () => {
    expect(
      proposeMapping([
        'Order Number',
        'Customer',
        'Mobile',
        'Street',
        'Zip',
        'Store',
        'Delivery Start',
        'Delivery End',
        'Tip',
      ]),
    ).toEqual({
      orderId: 0,
      fullName: 1,
      phone: 2,
      addressLine1: 3,
      postalCode: 4,
      storeLocation: 5,
      windowStart: 6,
      windowEnd: 7,
      tip: 8,
    });
    expect(proposeMapping(['Order ID', 'Customer Name', 'Phone Number', 'Ship To Zip', 'Store #'])).toEqual({
      orderId: 0,
      fullName: 1,
      phone: 2,
      postalCode: 3,
      storeLocation: 4,
    });
  });

  it('prefers first and last name columns over a full name, and uses a column once', () => {
    expect(proposeMapping(['Order #', 'First Name', 'Last Name', 'Name'])).toEqual({
      orderId: 0,
      firstName: 1,
      lastName: 2,
    });
    expect(proposeMapping(['Phone', 'Phone'])).toEqual({ phone: 0 });
  });

  it('proposes nothing for headers it does not know, so the user maps them', () => {
    expect(proposeMapping(['Ref', 'Contact', 'Where'])).toEqual({});
  });

  it('remembers a mapping under the headers as compared', () => {
    expect(headersKey(['Order #', 'Phone'])).toBe(headersKey(['order #', ' PHONE ']));
  });
});
