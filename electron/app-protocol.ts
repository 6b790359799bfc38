import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { SECURITY_HEADERS } from './content-policy';
import { contentTypeOf, resolveStaticFile } from './static-files';
import { APP_HOST, APP_SCHEME } from './window-options';

/**
 * Declare app:// a standard, secure scheme. Must run before the app is ready: a standard scheme gets
 * proper relative URLs and a secure context, which file:// pages would not get without extra powers.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Serve the built window (out/renderer) on app://federator/, with the same headers as the web shell. */
export function serveAppProtocol(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const path = url.host === APP_HOST ? resolveStaticFile(rendererDir, url.pathname) : undefined;
    const body = path === undefined ? undefined : await readFile(path).catch(() => undefined);
    if (path === undefined || body === undefined) {
      return new Response('not found', { status: 404, headers: SECURITY_HEADERS });
    }
    return new Response(body, {
      headers: { ...SECURITY_HEADERS, 'Content-Type': contentTypeOf(path) },
    });
  });
}
