import { createHash, timingSafeEqual } from 'node:crypto';
import type { Handler, Reply } from '../http-types';

export const TOKEN_SCOPE = 'connect:fulfillment';

function oauthError(status: number, error: string, description: string): Reply {
  const reply: Reply = { status, body: { error, error_description: description } };
  if (status === 401) reply.headers = { 'www-authenticate': 'Basic realm="connect"' };
  return reply;
}

function sameSecret(a: string, b: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(a), digest(b));
}

/** The token request's fields from a JSON or form body, with HTTP Basic client credentials as a fallback. */
function readTokenRequest(raw: string, contentType: string, authorization: string): Record<string, string> | null {
  const fields: Record<string, string> = {};
  if (contentType.includes('application/x-www-form-urlencoded')) {
    for (const [key, value] of new URLSearchParams(raw)) fields[key] = value;
  } else if (raw.trim() !== '') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      return null;
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
    for (const [key, value] of Object.entries(parsed)) if (typeof value === 'string') fields[key] = value;
  }
  const basic = /^Basic\s+(\S+)$/i.exec(authorization);
  if (basic && fields.client_id === undefined) {
    const [id, ...secret] = Buffer.from(basic[1] ?? '', 'base64')
      .toString('utf8')
      .split(':');
    fields.client_id = id ?? '';
    fields.client_secret = secret.join(':');
  }
  return fields;
}

/** POST /v2/oauth/token: client credentials in, a bearer token out (errors in the OAuth 2 shape). */
export const issueToken: Handler = (ctx, state) => {
  const fields = readTokenRequest(
    ctx.rawBody,
    String(ctx.headers['content-type'] ?? ''),
    String(ctx.headers.authorization ?? ''),
  );
  if (!fields) return oauthError(400, 'invalid_request', 'The body must be a JSON object or a form.');
  if (!fields.grant_type) return oauthError(400, 'invalid_request', 'grant_type is required.');
  if (fields.grant_type !== 'client_credentials') {
    return oauthError(400, 'unsupported_grant_type', 'Only grant_type client_credentials is supported.');
  }
  const { clientId, clientSecret } = state.settings.credentials;
  if (fields.client_id !== clientId || !sameSecret(fields.client_secret ?? '', clientSecret)) {
    return oauthError(401, 'invalid_client', 'Client authentication failed: unknown client id or wrong secret.');
  }
  if (fields.scope !== undefined && fields.scope !== TOKEN_SCOPE) {
    return oauthError(400, 'invalid_scope', `The only scope is ${TOKEN_SCOPE}.`);
  }
  const ttl = state.settings.tokenTtlSeconds;
  const { token, createdAt } = state.tokens.issue(state.clock.now(), ttl);
  state.counters.token();
  return {
    status: 200,
    body: { access_token: token, token_type: 'Bearer', expires_in: ttl, created_at: Math.floor(createdAt / 1000) },
  };
};
