import type { IncomingHttpHeaders } from 'node:http';
import type { Writable } from 'node:stream';
import type { Body } from './rules/fields';
import type { SandboxState } from './state';

export interface RequestContext {
  params: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  rawBody: string;
  /** The JSON object sent ({} for an empty body) on routes that read JSON. */
  body: Body;
}

export interface Reply {
  status: number;
  /** Sent as JSON, unless `html` is set. */
  body?: unknown;
  html?: string;
  /** Writes the body into the response and ends it, for a body too large to build first (an export). */
  stream?: (out: Writable) => Promise<void>;
  headers?: Record<string, string>;
}

/** Answers a request from the state; throws ProblemReply to answer with API errors. */
export type Handler = (ctx: RequestContext, state: SandboxState) => Reply;

export function json(body: unknown, status = 200): Reply {
  return { status, body };
}
