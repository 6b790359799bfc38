import { randomBytes } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { MAX_MESSAGE_BYTES, TOKEN_REJECTED } from '../../shared/contract/wire';
import type { EventSource } from '../core/events/event-hub';
import type { Router } from '../core/router';
import { SECURITY_HEADERS } from '../content-policy';
import { contentTypeOf, resolveStaticFile } from '../static-files';
import { checkHost, checkUpgrade } from './request-guard';
import { serveSocket } from './ws-session';

export interface WebServerOptions {
  router: Router;
  events: EventSource;
  /** The built window (out/renderer). */
  staticRoot: string;
  /** 0 picks a free port. */
  port: number;
  /** Defaults to a fresh random one: each launch has its own. */
  token?: string;
  /** Where a misbehaving client is reported (a protocol error, a reset): one line each. */
  onClientProblem?: (message: string) => void;
}

export interface WebServer {
  /** The console's address, token included: what the admin opens. */
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/**
 * A request whose headers are not complete by then is dropped (slow-loris): the console is reached
 * over loopback or an SSH tunnel, where headers take milliseconds. Checked every second.
 */
export const HEADERS_TIMEOUT_MS = 5_000;
const CONNECTIONS_CHECK_MS = 1_000;

/**
 * The browser shell: the built window over HTTP and the contract over one WebSocket per window,
 * bound to 127.0.0.1 only (reach it from elsewhere through an SSH tunnel, never by binding wider).
 */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  const report = options.onClientProblem ?? (() => undefined);
  // Anything a client sends can end in an 'error' event, and one without a listener ends the
  // process: every socket, server and WebSocket below has one, and it only closes that client.
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  sockets.on('error', (error) => report(`WebSocket server: ${error.message}`));
  sockets.on('connection', (socket) => serveSocket(socket, options.router, options.events, report));
  const server = createServer(
    {
      headersTimeout: HEADERS_TIMEOUT_MS,
      requestTimeout: 2 * HEADERS_TIMEOUT_MS,
      connectionsCheckingInterval: CONNECTIONS_CHECK_MS,
    },
    (req, res) => {
      serveFile(options.staticRoot, req, res).catch(() => reply(res, 500, 'internal error'));
    },
  );
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    // What Node's default does, plus a listener for the socket erring again while we answer.
    socket.on('error', () => undefined);
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const timedOut = error.code === 'ERR_HTTP_REQUEST_TIMEOUT';
    socket.end(
      `HTTP/1.1 ${timedOut ? '408 Request Timeout' : '400 Bad Request'}\r\nConnection: close\r\n\r\n`,
    );
    report(`HTTP client error: ${error.message}`);
  });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Node hands the upgraded socket over without its error listener: a reset would be unhandled.
    socket.on('error', () => undefined);
    const verdict = checkUpgrade(req.url, req.headers, token);
    if (!verdict.ok && verdict.status === 401) {
      // Host and Origin say this is the console's own page, but from another run (or mistyped):
      // a browser hides a refused upgrade's status, so accept and close with a code it can read.
      // The socket is never served: no events, no requests.
      sockets.handleUpgrade(req, socket, head, (ws) => {
        // Whatever it sends before the close completes is read and may be malformed.
        ws.on('error', () => undefined);
        ws.close(TOKEN_REJECTED.code, TOKEN_REJECTED.reason);
      });
      return;
    }
    if (!verdict.ok) {
      socket.end(
        `HTTP/1.1 ${verdict.status} ${verdict.reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`,
      );
      return;
    }
    sockets.handleUpgrade(req, socket, head, (ws) => sockets.emit('connection', ws, req));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of sockets.clients) client.terminate();
        sockets.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function serveFile(root: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (!checkHost(req.headers).ok) return reply(res, 403, 'unexpected Host');
  if (req.method !== 'GET' && req.method !== 'HEAD') return reply(res, 405, 'method not allowed');
  const pathname = new URL(req.url ?? '/', 'http://request.invalid').pathname;
  const path = resolveStaticFile(root, pathname);
  if (!path) return reply(res, 404, 'not found');
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) {
    if (pathname === '/')
      return reply(res, 503, 'The window is not built yet: run `npm run build`.');
    return reply(res, 404, 'not found');
  }
  const body = await readFile(path);
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': contentTypeOf(path),
    'Content-Length': body.length,
    // index.html names the hashed bundles of this build: always fetch it afresh.
    'Cache-Control': path.endsWith('.html') ? 'no-store' : 'no-cache',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

function reply(res: ServerResponse, status: number, text: string): void {
  if (res.headersSent) return void res.destroy();
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(text);
}
