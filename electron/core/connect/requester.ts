import type { z } from 'zod';
import type { After, Clock, Sleep } from '../clock';
import { realAfter, realSleep, systemClock } from '../clock';
import { ConnectError, isConnectError } from './connect-error';
import type { EndpointName, PathParams } from './endpoints';
import { ENDPOINTS, describeCall, endpointUrl } from './endpoints';
import type { HttpAnswer } from './http';
import { exchange } from './http';
import { errorFromResponse } from './parse-error';
import type { RetryBudgetOptions, RetryOptions } from './retry-policy';
import { DEFAULT_RETRY, DEFAULT_RETRY_BUDGET, RetryBudget, retryDelay } from './retry-policy';
import type { Credentials } from './token-cache';
import { TokenCache } from './token-cache';
import { tokenSchema } from './responses';

/**
 * What one attempt told about the API's reachability (any HTTP answer means it is reachable). An
 * attempt still unanswered after `silenceMs` reports unreachable at once, without waiting for its
 * timeout: an API that stopped answering is said within seconds, and its late answer says it is back.
 */
export interface CallOutcome {
  reachable: boolean;
  success: boolean;
  at: number;
}

export interface RequesterOptions {
  baseUrl: string;
  /** Asked on each token exchange, so a secret changed in the keychain is picked up. */
  credentials: () => Promise<Credentials>;
  fetch?: typeof fetch;
  clock?: Clock;
  sleep?: Sleep;
  random?: () => number;
  retry?: Partial<RetryOptions>;
  budget?: Partial<RetryBudgetOptions>;
  /** Per attempt; 15 s unless set. */
  timeoutMs?: number;
  /** How long an attempt may go unanswered before the API counts as not answering; 1.5 s unless set. */
  silenceMs?: number;
  /** The timer of that watch. */
  after?: After;
  onOutcome?: (outcome: CallOutcome) => void;
}

export interface CallOptions {
  signal?: AbortSignal;
  /**
   * `false`: a single attempt (a 401 still renews the token once). For callers that run their own
   * limiter and retries, such as bulk staging.
   */
  retry?: boolean;
  timeoutMs?: number;
  /** Told before each retry: the error that caused it, the attempt that failed, the wait. */
  onRetry?: (error: ConnectError, attempt: number, delayMs: number) => void;
}

export interface CallSpec<T> {
  params?: PathParams;
  query?: Record<string, string | undefined>;
  body?: unknown;
  schema: z.ZodType<T>;
}

export const DEFAULT_TIMEOUT_MS = 15_000;
/** Under 2 s with the header's update: Connect answers in well under a second when it answers at all. */
export const DEFAULT_SILENCE_MS = 1_500;

const OUTAGE_HINT =
  'Instacart has failed repeatedly in the last moments, so the console stopped retrying to avoid adding load; try again shortly.';

function canceled(what: string, cause?: unknown): ConnectError {
  return new ConnectError({
    kind: 'canceled',
    message: `${what} was canceled.`,
    hint: 'Nothing more will be sent for this request.',
    cause,
  });
}

/** Resolves with `promise`, or rejects as soon as `signal` aborts (the promise itself keeps running). */
function unlessAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  let onAbort = () => {};
  const aborted = new Promise<never>((_resolve, reject) => {
    onAbort = () => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
  });
  // A long-lived signal (a whole batch's) must not collect one listener per call.
  return Promise.race([promise, aborted]).finally(() => signal.removeEventListener('abort', onAbort));
}

/**
 * Sends calls to one Connect environment: bearer token (renewed once on 401), time limit, cancellation,
 * classification of every failure, and retries with full-jitter backoff inside a shared retry budget.
 */
export class Requester {
  readonly tokens: TokenCache;
  private readonly budget: RetryBudget;
  private readonly retry: RetryOptions;
  private readonly fetch: typeof fetch;
  private readonly clock: Clock;
  private readonly sleep: Sleep;
  private readonly random: () => number;

  constructor(private readonly options: RequesterOptions) {
    this.fetch = options.fetch ?? globalThis.fetch;
    this.clock = options.clock ?? systemClock;
    this.sleep = options.sleep ?? realSleep;
    this.random = options.random ?? Math.random;
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.budget = new RetryBudget({ ...DEFAULT_RETRY_BUDGET, ...options.budget }, this.clock);
    this.tokens = new TokenCache(() => this.exchangeToken(), this.clock);
  }

  async call<T>(name: EndpointName, spec: CallSpec<T>, options: CallOptions = {}): Promise<T> {
    const endpoint = ENDPOINTS[name];
    const what = describeCall(endpoint, spec.params);
    const url = endpointUrl(this.options.baseUrl, endpoint, spec.params, spec.query);
    const body = spec.body === undefined ? undefined : JSON.stringify(spec.body);
    for (let attempt = 1; ; attempt++) {
      try {
        if (options.signal?.aborted) throw canceled(what);
        const answer = await this.send(endpoint.method, url, body, endpoint.auth, what, options);
        return this.accept(answer, spec.schema, what);
      } catch (error) {
        // Anything but a ConnectError (no credentials, keychain locked) is not the API's doing: no retry.
        if (!options.signal?.aborted && !isConnectError(error)) throw error;
        const failure = isConnectError(error) && !options.signal?.aborted ? error : canceled(what, error);
        failure.attempts = attempt;
        const delay = options.retry === false ? null : retryDelay(failure, attempt, this.retry, this.random);
        if (delay === null) throw failure;
        if (!this.budget.tryTake()) {
          failure.budgetExhausted = true;
          throw failure.withHint(`${failure.appError.hint ?? ''} ${OUTAGE_HINT}`.trim());
        }
        options.onRetry?.(failure, attempt, delay);
        try {
          await this.sleep(delay, options.signal);
        } catch (error) {
          throw canceled(what, error);
        }
      }
    }
  }

  private async send(
    method: string,
    url: string,
    body: string | undefined,
    auth: boolean,
    what: string,
    options: CallOptions,
  ): Promise<HttpAnswer> {
    for (let renewed = false; ; renewed = true) {
      const token = auth ? await unlessAborted(this.tokens.get(), options.signal) : undefined;
      const headers: Record<string, string> = { Accept: 'application/json' };
      if (body !== undefined) headers['Content-Type'] = 'application/json';
      if (token) headers.Authorization = `Bearer ${token}`;
      let answer: HttpAnswer;
      const unwatch = (this.options.after ?? realAfter)(this.options.silenceMs ?? DEFAULT_SILENCE_MS, () =>
        this.report(false, false),
      );
      try {
        answer = await exchange(
          { method, url, headers, what, ...(body !== undefined ? { body } : {}) },
          {
            fetch: this.fetch,
            timeoutMs: options.timeoutMs ?? this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
            signal: options.signal,
          },
        );
      } catch (error) {
        if (isConnectError(error) && (error.kind === 'network' || error.kind === 'timeout')) this.report(false, false);
        throw error;
      } finally {
        unwatch();
      }
      this.report(true, answer.status >= 200 && answer.status < 300);
      if (answer.status === 401 && token && !renewed) {
        this.tokens.invalidate(token);
        continue;
      }
      return answer;
    }
  }

  private accept<T>(answer: HttpAnswer, schema: z.ZodType<T>, what: string): T {
    if (answer.status < 200 || answer.status >= 300) throw errorFromResponse(answer.status, answer.body, what);
    const parsed = answer.body.json === undefined ? undefined : schema.safeParse(answer.body.json);
    if (parsed?.success) return parsed.data;
    const problem = answer.body.problem;
    const described = parsed
      ? `an answer missing what the console needs (${parsed.error.issues
          .slice(0, 3)
          .map((i) => `${i.path.join('.') || 'body'}: ${i.message}`)
          .join('; ')})`
      : problem === 'html'
        ? 'a web page instead of data'
        : problem === 'empty'
          ? 'an empty answer'
          : 'an answer that is not valid JSON';
    // An answer cut short (empty, or JSON that breaks off) is a transmission fault worth another try; a
    // web page or a well-formed answer of the wrong shape will not change on retry.
    const truncated = problem === 'empty' || problem === 'malformed';
    throw new ConnectError({
      kind: 'bad_response',
      status: answer.status,
      message: `${what} succeeded (HTTP ${answer.status}) but Instacart sent ${described}.`,
      hint: truncated
        ? 'The answer was cut short on the way: try again.'
        : "Check that the environment's base URL points at the Connect API; if it does, report this answer to Instacart.",
      // The request was carried out: what it did is known only by asking again.
      ambiguous: true,
      retryable: truncated,
    });
  }

  private report(reachable: boolean, success: boolean): void {
    this.options.onOutcome?.({ reachable, success, at: this.clock.now() });
  }

  /**
   * A single attempt: the token is fetched inside a call, and that call's own retries cover it (retrying
   * here too would multiply the attempts).
   */
  private async exchangeToken(): Promise<{ accessToken: string; expiresIn: number }> {
    const credentials = await this.options.credentials();
    try {
      const answer = await this.call(
        'token',
        {
          body: {
            client_id: credentials.clientId,
            client_secret: credentials.clientSecret,
            grant_type: 'client_credentials',
            scope: 'connect:fulfillment',
          },
          schema: tokenSchema,
        },
        { retry: false },
      );
      return { accessToken: answer.access_token, expiresIn: answer.expires_in };
    } catch (error) {
      throw credentialError(error, credentials.clientSecret);
    }
  }
}

/** A refused token exchange is a credentials problem whatever status says so; and no message may echo the secret. */
function credentialError(error: unknown, secret: string): unknown {
  if (!isConnectError(error)) return error;
  const scrub = (text: string) => text.split(secret).join('•••');
  const refused = error.kind === 'api_validation' || error.kind === 'forbidden' || error.kind === 'unauthorized';
  if (!refused && !error.message.includes(secret)) return error;
  const result = new ConnectError({
    kind: refused ? 'unauthorized' : error.kind,
    message: scrub(refused ? `Instacart refused the client id and secret: ${error.message}` : error.message),
    hint: refused
      ? "Check this environment's client id and client secret (and that they belong to this server), then test the connection again."
      : (error.appError.hint ?? ''),
    ...(error.status !== undefined ? { status: error.status } : {}),
    ...(error.apiCode !== undefined ? { apiCode: error.apiCode } : {}),
  });
  result.attempts = error.attempts;
  result.budgetExhausted = error.budgetExhausted;
  return result;
}
