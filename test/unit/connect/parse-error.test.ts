import { describe, expect, it } from 'vitest';
import { HINTS } from '../../../electron/core/connect/error-hints';
import { readBody } from '../../../electron/core/connect/http';
import { errorFromResponse, parseWait } from '../../../electron/core/connect/parse-error';

const json = (value: unknown) => readBody(JSON.stringify(value), 'application/json');

describe('errors from the API', () => {
  it('reads the single shape with code, key, message and the hint for that cause', () => {
    const error = errorFromResponse(
      400,
      json({ error: { message: 'not supported', code: 1001 }, meta: { key: 'postal_code' } }),
      'Creating order A1',
    );
    expect(error.kind).toBe('api_validation');
    expect(error.retryable).toBe(false);
    expect(error.appError).toMatchObject({
      code: 'api_validation',
      status: 400,
      apiCode: 1001,
      key: 'postal_code',
      message: 'postal_code: not supported',
      retryable: false,
    });
    expect(error.appError.hint).toMatch(/does not deliver to this postal code/);
  });

  it('tells two causes with the same code and key apart by their message', () => {
    const notFound = errorFromResponse(
      400,
      json({ error: { message: 'not found', code: 1001 }, meta: { key: 'postal_code' } }),
      'x',
    );
    expect(notFound.appError.hint).toMatch(/does not recognise this postal code/);
    const poBox = errorFromResponse(
      400,
      json({ error: { message: 'address contains PO Box', code: 1001 }, meta: { key: 'address' } }),
      'x',
    );
    expect(poBox.appError.hint).toMatch(/PO boxes/);
  });

  it('reads the multiple shape into details, each with its own key and hint, under code 9999', () => {
    const error = errorFromResponse(
      400,
      json({
        errors: [
          { error: { message: 'First name is invalid', code: 1001 }, meta: { key: 'first_name' } },
          {
            error: { message: 'Tip value is above maximum: $500.00.', code: 1002 },
            meta: { key: 'initial_tip_cents' },
          },
        ],
      }),
      'Creating order A1',
    );
    expect(error.appError).toMatchObject({ code: 'api_validation', apiCode: 9999, key: 'first_name' });
    expect(error.message).toMatch(
      /There were issues with your request: first_name: First name is invalid; initial_tip/,
    );
    expect(error.appError.details).toHaveLength(2);
    expect(error.appError.details?.[1]).toMatchObject({ key: 'initial_tip_cents', apiCode: 1002 });
    expect(error.appError.details?.[1]?.hint).toMatch(/limited to \$500\.00/);
    expect(error.appError.hint).toMatch(/Several fields were rejected/);
  });

  it('reads the multiple shape when it also carries the 9999 row at the top', () => {
    const error = errorFromResponse(
      400,
      json({
        error: { message: 'There were issues with your request', code: 9999 },
        errors: [
          { error: { message: 'First name is invalid', code: 1001 }, meta: { key: 'first_name' } },
          { error: { message: "can't be blank", code: 1001 }, meta: { key: 'user.phone_number' } },
        ],
      }),
      'Creating order A1',
    );
    expect(error.appError).toMatchObject({ apiCode: 9999, key: 'first_name' });
    expect(error.message).toBe(
      "There were issues with your request: first_name: First name is invalid; user.phone_number: can't be blank",
    );
    expect(error.appError.details?.[1]?.hint).toMatch(/E\.164/);
  });

  it('classifies 1003, 2003 (with its wait as a string or a number), 423 and 403 with a null code', () => {
    const inUse = errorFromResponse(400, json({ error: { message: 'Order already in use.', code: 1003 } }), 'x');
    expect(inUse.kind).toBe('order_id_in_use');
    expect(inUse.appError.hint).toMatch(/already exists/);

    const busy = errorFromResponse(
      400,
      json({
        error: { message: 'The request could not be completed at this time, try again later.', code: 2003 },
        meta: { wait: '30' },
      }),
      'x',
    );
    expect(busy).toMatchObject({ kind: 'api_busy', retryable: true, waitSeconds: 30 });
    const recently = errorFromResponse(
      400,
      json({
        error: { message: 'Order has been recently updated, please try again in a little while.', code: 2003 },
        meta: { wait: 1200, retry: true },
      }),
      'x',
    );
    expect(recently.waitSeconds).toBe(1200);
    expect(recently.appError.hint).toMatch(/changed moments ago/);

    const locked = errorFromResponse(
      423,
      json({ error: { message: 'The target resource is locked.', code: null }, meta: { key: 'order_id' } }),
      'x',
    );
    expect(locked.appError).toMatchObject({ code: 'locked', apiCode: null, key: 'order_id' });
    expect(locked.appError.hint).toMatch(/locked by another change/);

    const inactive = errorFromResponse(403, json({ error: { message: 'User Not Active', code: null } }), 'x');
    expect(inactive.kind).toBe('forbidden');
    expect(inactive.appError.hint).toMatch(/account is not active/);
  });

  it('turns an HTML page, an empty body and malformed JSON into clear errors classified by status', () => {
    const html = errorFromResponse(
      502,
      readBody('<html><body>Bad gateway</body></html>', 'text/html'),
      'Getting order 7',
    );
    expect(html).toMatchObject({ kind: 'server_error', retryable: true, ambiguous: true });
    expect(html.message).toBe('Getting order 7 failed with HTTP 502 and a web page instead of data.');

    const empty = errorFromResponse(500, readBody('', ''), 'Getting order 7');
    expect(empty.message).toMatch(/HTTP 500 and an empty body/);

    const malformed = errorFromResponse(400, readBody('{"error": {"mess', 'application/json'), 'Getting order 7');
    expect(malformed).toMatchObject({ kind: 'api_validation', retryable: false });
    expect(malformed.message).toMatch(/not valid JSON/);

    const unknownShape = errorFromResponse(404, json({ whatever: true }), 'Getting order 7');
    expect(unknownShape.kind).toBe('not_found');
    expect(unknownShape.message).toMatch(/unknown format/);
  });

  it('reads the OAuth error shape of the token endpoint', () => {
    const error = errorFromResponse(
      401,
      json({ error: 'invalid_client', error_description: 'Client authentication failed.' }),
      'Signing in',
    );
    expect(error.kind).toBe('unauthorized');
    expect(error.message).toBe('Client authentication failed.');
  });

  it('reads meta.wait strictly', () => {
    expect(parseWait('30')).toBe(30);
    expect(parseWait(12)).toBe(12);
    expect(parseWait('soon')).toBeUndefined();
    expect(parseWait('')).toBeUndefined();
    expect(parseWait(-1)).toBeUndefined();
    expect(parseWait(null)).toBeUndefined();
  });

  it('has a hint for every documented code', () => {
    const documented = [1001, 1002, 1003, 2001, 2003, 4000, 9999, null];
    for (const code of documented) expect(HINTS.some((row) => row.code === code)).toBe(true);
  });
});
