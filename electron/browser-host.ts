import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EventName } from '../shared/contract';
import type { AppError } from '../shared/result';
import type { Dispatch } from './ipc/register';
import { PAGE_HEADERS } from './security-headers';
import { readStaticFile } from './static-files';

export const TOKEN_HEADER = 'x-lastmile-token';
/** Enough for the largest CSV a channel accepts, with room for JSON escaping. */
const MAX_BODY_BYTES = 48 * 1024 * 1024;

export interface BrowserHostOptions {
  dispatch: Dispatch;
  /** Folder of the built renderer. */
  staticDir: string;
  /** 0 picks a free port. */
  port?: number;
  /** Tests may fix the token; otherwise a random one is made for this launch. */
  token?: string;
}

export interface BrowserHost {
  url: string;
  /** The URL to open: carries the token in the fragment, which browsers never send to a server. */
  openUrl: string;
  port: number;
  token: string;
  broadcast(name: EventName, payload: unknown): void;
  close(): Promise<void>;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(text);
}

function refuse(res: ServerResponse, status: number, error: AppError): void {
  sendJson(res, status, { ok: false, error });
}

function sameToken(given: string | undefined, expected: Buffer): boolean {
  if (typeof given !== 'string') return false;
  const candidate = Buffer.from(given);
  return candidate.length === expected.length && timingSafeEqual(candidate, expected);
}

function declaredTooLarge(req: IncomingMessage): boolean {
  return Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES;
}

/**
 * The body as text, or null once it passes the limit. Reading stops there without destroying the
 * socket, so the caller can still answer 413 before the connection closes.
 */
function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        stop();
        req.pause();
        resolveBody(null);
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      stop();
      resolveBody(Buffer.concat(chunks).toString('utf8'));
    };
    const onError = (error: Error) => {
      stop();
      reject(error);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}

/**
 * Serves the built renderer and the same channels as the Electron preload, over HTTP on loopback.
 * Every request must name this host exactly (no DNS rebinding), come from this origin if it names one,
 * and every API call must carry the per-launch token.
 */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  const expected = Buffer.from(token);
  const streams = new Set<ServerResponse>();
  let allowedHosts: Set<string> = new Set();
  let allowedOrigins: Set<string> = new Set();

  const server = createServer((req, res) => {
    void handle(req, res).catch(() => {
      if (!res.headersSent) refuse(res, 500, { code: 'internal', message: 'The browser host failed.' });
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const host = req.headers.host ?? '';
    if (!allowedHosts.has(host)) {
      refuse(res, 421, {
        code: 'foreign_host',
        message: `Requests must be addressed to this console (${[...allowedHosts][0]}), not "${host.slice(0, 100)}".`,
      });
      return;
    }
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins.has(origin)) {
      refuse(res, 403, { code: 'foreign_origin', message: 'Requests from other sites are refused.' });
      return;
    }
    const url = new URL(req.url ?? '/', 'http://placeholder');
    if (url.pathname.startsWith('/api/')) {
      if (!sameToken(req.headers[TOKEN_HEADER] as string | undefined, expected)) {
        refuse(res, 401, {
          code: 'bad_token',
          message: 'This request does not carry the console token.',
          hint: 'Open the console with the URL printed when it started.',
        });
        return;
      }
      if (url.pathname === '/api/events' && req.method === 'GET') {
        openEventStream(res);
        return;
      }
      if (req.method !== 'POST') {
        refuse(res, 405, { code: 'method_not_allowed', message: 'Channels are called with POST.' });
        return;
      }
      const raw = declaredTooLarge(req) ? null : await readBody(req);
      if (raw === null) {
        // The rest of the body is never read: close the connection once the answer is out.
        res.setHeader('Connection', 'close');
        refuse(res, 413, {
          code: 'too_large',
          message: 'The request is larger than 48 MB.',
          hint: 'Split the file into smaller ones and import them one at a time.',
        });
        return;
      }
      let body: unknown;
      try {
        body = raw === '' ? {} : JSON.parse(raw);
      } catch {
        refuse(res, 400, { code: 'invalid_json', message: 'The request body is not valid JSON.' });
        return;
      }
      if (typeof body !== 'object' || body === null || Array.isArray(body)) {
        refuse(res, 400, { code: 'invalid_json', message: 'The request body must be {"input": ...}.' });
        return;
      }
      const channel = url.pathname.slice('/api/'.length);
      const result = await options.dispatch(channel, (body as { input?: unknown }).input, {
        url: `http://${host}/`,
      });
      sendJson(res, 200, result);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      refuse(res, 405, { code: 'method_not_allowed', message: 'Only GET is served here.' });
      return;
    }
    const file = await readStaticFile(options.staticDir, url.pathname);
    if (!file) {
      refuse(res, 404, {
        code: 'not_found',
        message: `Nothing is served at ${url.pathname.slice(0, 200)}.`,
        hint: 'If the console page itself is missing, build the renderer first (npm run build).',
      });
      return;
    }
    res.writeHead(200, { ...PAGE_HEADERS, 'Content-Type': file.contentType, 'Cache-Control': 'no-cache' });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  }

  function openEventStream(res: ServerResponse): void {
    res.writeHead(200, {
      'Content-Type': 'application/x-ndjson; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    });
    res.write('\n');
    streams.add(res);
    res.on('close', () => streams.delete(res));
  }

  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolvePromise());
  });
  const port = (server.address() as AddressInfo).port;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  allowedOrigins = new Set([...allowedHosts].map((h) => `http://${h}`));
  const url = `http://127.0.0.1:${port}/`;

  return {
    url,
    openUrl: `${url}#token=${token}`,
    port,
    token,
    broadcast(name, payload) {
      const line = `${JSON.stringify({ event: name, payload })}\n`;
      // An event raised while the host shuts down must not write to a stream it has already ended.
      for (const stream of streams) if (!stream.writableEnded) stream.write(line);
    },
    async close() {
      for (const stream of streams) stream.end();
      server.closeAllConnections();
      await new Promise<void>((resolvePromise) => server.close(() => resolvePromise()));
    },
  };
}
