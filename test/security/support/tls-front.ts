import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { tempDir } from '../../support/temp-dir';

export interface TlsFront {
  /** https://127.0.0.1:<port>, no trailing slash. */
  url: string;
  /** The self-signed certificate, for NODE_EXTRA_CA_CERTS in the process that must trust it. */
  caFile: string;
  close(): Promise<void>;
}

/**
 * An HTTPS front for a local HTTP server (the sandbox), with a throwaway self-signed certificate: the
 * console's forms accept only https:// servers, as they should for anything holding a client secret.
 */
export async function startTlsFront(target: string): Promise<TlsFront> {
  const dir = tempDir('lastmile-tls-');
  const key = join(dir.path, 'key.pem');
  const caFile = join(dir.path, 'cert.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      key,
      '-out',
      caFile,
    ],
    { stdio: 'ignore' },
  );
  const upstream = new URL(target);
  const server = createServer({ key: readFileSync(key), cert: readFileSync(caFile) }, (req, res) => {
    const forward = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        path: req.url,
        method: req.method,
        headers: { ...req.headers, host: upstream.host },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    caFile,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      dir.remove();
    },
  };
}
