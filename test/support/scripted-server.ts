import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

const TOKEN_PATH = '/v2/oauth/token';

export interface SeenRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export type Reply =
  | { status: number; json?: unknown; text?: string; contentType?: string; delayMs?: number }
  /** Close the connection without answering (a dropped connection). */
  | { drop: true }
  /** Never answer (until the server closes). */
  | { hang: true };

export interface ScriptedServer {
  url: string;
  /** Every request received, in order. */
  seen: SeenRequest[];
  /** Queue the replies for the next API requests (not token requests), in order. */
  script(...replies: Reply[]): void;
  /** What to answer an API request when the script is empty. */
  fallback: (request: SeenRequest) => Reply;
  /** How token requests are answered: by default a new token `tok-N` valid for 24 hours. */
  token: (n: number) => Reply;
  /** Requests other than token requests. */
  apiRequests(): SeenRequest[];
  close(): Promise<void>;
}

/**
 * A real HTTP server on loopback that answers from a script: for the client's unit tests of one
 * mechanism (a malformed body, an HTML error page, a dropped connection) without a whole sandbox.
 */
export async function startScriptedServer(): Promise<ScriptedServer> {
  const queue: Reply[] = [];
  let tokens = 0;
  const sockets = new Set<Socket>();
  const state: ScriptedServer = {
    url: '',
    seen: [],
    script: (...replies) => queue.push(...replies),
    fallback: () => ({ status: 404, json: { error: { message: 'Resource not found', code: 4000 } } }),
    token: (n) => ({ status: 200, json: { access_token: `tok-${n}`, token_type: 'Bearer', expires_in: 86400 } }),
    apiRequests: () => state.seen.filter((r) => r.path !== TOKEN_PATH),
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  const answer = (reply: Reply, res: ServerResponse) => {
    if ('drop' in reply) return void res.socket?.destroy();
    if ('hang' in reply) return;
    const body = reply.text ?? (reply.json === undefined ? '' : JSON.stringify(reply.json));
    const send = () => {
      res.writeHead(reply.status, { 'content-type': reply.contentType ?? 'application/json' });
      res.end(body);
    };
    if (reply.delayMs) setTimeout(send, reply.delayMs);
    else send();
  };
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const seen: SeenRequest = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body };
      state.seen.push(seen);
      if (seen.path === TOKEN_PATH) answer(state.token(++tokens), res);
      else answer(queue.shift() ?? state.fallback(seen), res);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}
