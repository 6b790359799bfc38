import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** The names a browser on this machine (or at the end of an SSH tunnel) uses for the shell. */
const LOOPBACK_NAMES: ReadonlySet<string> = new Set(['127.0.0.1', 'localhost', '[::1]']);

export type Verdict = { ok: true } | { ok: false; status: 400 | 401 | 403 | 404; reason: string };

/**
 * A page from any web site open in the user's browser can try to reach a local server. The Host
 * header must be a loopback name (defeats DNS rebinding: the attacker's name would be in it).
 */
export function checkHost(headers: IncomingHttpHeaders): Verdict {
  const host = headers.host ?? '';
  const name = host.replace(/:\d+$/, '').toLowerCase();
  return LOOPBACK_NAMES.has(name)
    ? { ok: true }
    : { ok: false, status: 403, reason: 'unexpected Host' };
}

/**
 * The WebSocket carries the whole console, so its upgrade needs all three: a loopback Host, an Origin
 * that is this very page (not another site's), and the per-launch token from the console's URL.
 * The token is checked last, so a 401 means "this console's page, wrong token" (see server.ts).
 */
export function checkUpgrade(
  url: string | undefined,
  headers: IncomingHttpHeaders,
  token: string,
): Verdict {
  const parsed = new URL(url ?? '/', 'http://upgrade.invalid');
  if (parsed.pathname !== '/ws') return { ok: false, status: 404, reason: 'no such endpoint' };
  const host = checkHost(headers);
  if (!host.ok) return host;
  if (headers.origin !== `http://${headers.host ?? ''}`) {
    return { ok: false, status: 403, reason: 'the Origin is not this console' };
  }
  if (!sameSecret(parsed.searchParams.get('token') ?? '', token)) {
    return { ok: false, status: 401, reason: 'missing or wrong token' };
  }
  return { ok: true };
}

/** Constant-time comparison, so the token cannot be guessed a character at a time. */
function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
