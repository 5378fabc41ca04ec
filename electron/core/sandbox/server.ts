import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { assumptions } from './assumptions';
import { errorResponse, tryLater } from './errors';
import type { FaultPlan } from './faults';
import type { Reply, RequestContext } from './http-types';
import type { Problem } from './problem';
import { ProblemReply } from './problem';
import { matchRoute } from './routes';
import type { SandboxState } from './state';

const MAX_BODY_BYTES = 1024 * 1024;

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) reject(new BodyTooLarge());
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** The JSON object of a request body ({} when empty), or the problem to answer. */
function parseJsonObject(raw: string): { body: Record<string, unknown> } | { problem: Problem } {
  if (raw.trim() === '') return { body: {} };
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (error) {
    return { problem: assumptions.malformedBody.notJson(error instanceof Error ? error.message : 'unreadable') };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { problem: assumptions.malformedBody.notObject };
  }
  return { body: parsed as Record<string, unknown> };
}

function bearerToken(req: IncomingMessage): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  return match?.[1] ?? null;
}

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/** The sandbox's HTTP server on 127.0.0.1: routes, bearer tokens, faults, counters. */
export async function startServer(state: SandboxState, port: number): Promise<RunningServer> {
  const timers = new Set<NodeJS.Timeout>();
  let closed = false;
  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  const drop = (req: IncomingMessage) => {
    state.counters.dropped();
    req.socket.destroy();
  };

  const send = async (res: ServerResponse, reply: Reply, plan: FaultPlan | null) => {
    if (closed || res.destroyed) return;
    if (reply.stream) {
      state.counters.response(reply.status);
      res.writeHead(reply.status, { 'cache-control': 'no-store', ...reply.headers });
      await reply.stream(res);
      return;
    }
    let payload = Buffer.from(reply.html ?? JSON.stringify(reply.body ?? null), 'utf8');
    if (plan?.malformed && reply.status === 200 && reply.html === undefined) {
      payload = payload.subarray(0, Math.max(1, Math.floor(payload.length / 2)));
      state.counters.malformed();
    }
    state.counters.response(reply.status);
    res.writeHead(reply.status, {
      'content-type': reply.html === undefined ? 'application/json; charset=utf-8' : 'text/html; charset=utf-8',
      'content-length': String(payload.length),
      'cache-control': 'no-store',
      ...reply.headers,
    });
    const slowMs = plan?.slowMs ?? 0;
    if (slowMs <= 0 || payload.length < 2) {
      res.end(payload);
      return;
    }
    const pieces = 5;
    const size = Math.ceil(payload.length / pieces);
    for (let offset = 0; offset < payload.length; offset += size) {
      await wait(slowMs / pieces);
      if (closed || res.destroyed) return;
      res.write(payload.subarray(offset, offset + size));
    }
    res.end();
  };

  /** Faults before the handler; returns the reply that answers instead, or 'dropped'. */
  const preflight = async (req: IncomingMessage, plan: FaultPlan): Promise<Reply | 'dropped' | null> => {
    if (plan.delayMs > 0) await wait(plan.delayMs);
    if (!state.faults.admit(performance.now())) return errorResponse([assumptions.faultBodies.rateLimited]);
    const token = bearerToken(req);
    if (!token || !state.tokens.valid(token, state.clock.now())) {
      return {
        ...errorResponse([assumptions.unauthorized.problem]),
        headers: { 'www-authenticate': assumptions.unauthorized.header },
      };
    }
    if (plan.dropBefore) return 'dropped';
    if (plan.inject === 500) return errorResponse([assumptions.faultBodies.serverError]);
    if (plan.inject === 503) return { status: 503, html: assumptions.faultBodies.unavailableHtml };
    if (plan.inject === 429) return errorResponse([assumptions.faultBodies.rateLimited]);
    if (plan.inject === 2003) return errorResponse([tryLater(state.faults.config().wait2003Seconds)]);
    return null;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    let raw: string;
    try {
      raw = await readBody(req);
    } catch (error) {
      if (error instanceof BodyTooLarge) {
        res.setHeader('connection', 'close');
        await send(res, errorResponse([assumptions.malformedBody.tooLarge]), null);
      }
      return;
    }
    const match = matchRoute(method, url.pathname);
    if (match.kind !== 'found') {
      state.counters.request();
      const p =
        match.kind === 'none'
          ? assumptions.unknownRoutes.notFound(method, url.pathname)
          : assumptions.unknownRoutes.methodNotAllowed(method, match.allowed);
      const headers: Record<string, string> = match.kind === 'none' ? {} : { allow: match.allowed.join(', ') };
      await send(res, { ...errorResponse([p]), headers }, null);
      return;
    }
    const { route, params } = match;
    if (route.kind !== 'admin') state.counters.request();
    if (
      route.kind === 'admin' &&
      route.readsJson &&
      !String(req.headers['content-type']).includes('application/json')
    ) {
      await send(
        res,
        { status: 415, body: { error: { message: 'Send Content-Type: application/json.', code: null } } },
        null,
      );
      return;
    }
    const plan = route.kind === 'api' ? state.faults.plan(route.transient2003 === true) : null;
    if (plan) {
      const early = await preflight(req, plan);
      if (early === 'dropped') return drop(req);
      if (early) return send(res, early, null);
    }
    const ctx: RequestContext = {
      params,
      query: url.searchParams,
      headers: req.headers,
      rawBody: raw,
      body: {},
    };
    if (route.readsJson) {
      const parsed = parseJsonObject(raw);
      if ('problem' in parsed) return send(res, errorResponse([parsed.problem]), null);
      ctx.body = parsed.body;
    }
    let reply: Reply;
    try {
      reply = route.handler(ctx, state);
    } catch (error) {
      if (!(error instanceof ProblemReply)) throw error;
      reply = errorResponse(error.problems);
    }
    if (plan?.dropAfter) return drop(req);
    await send(res, reply, plan);
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      // A defect in the sandbox itself: say so rather than hang the client.
      const message = `Sandbox defect: ${error instanceof Error ? error.message : String(error)}`;
      if (!res.headersSent && !res.destroyed)
        void send(res, errorResponse([{ status: 500, message, code: null }]), null);
      else res.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`Port ${port} is already in use: choose another with --port, or 0 for a free one.`)
          : error,
      );
    });
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const { port: actual } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${actual}`,
    close: async () => {
      if (closed) return;
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
