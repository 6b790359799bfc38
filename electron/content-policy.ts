/**
 * The window's Content-Security-Policy, the same for the Electron window (app:// protocol) and the
 * web shell (HTTP header): scripts only from the app itself (no eval, no inline), network only back
 * to where the page came from (the web shell's WebSocket is same-origin), no plugins, no framing.
 * Inline *styles* stay allowed: React style props and the graph/chart libraries set them, and a
 * style cannot run code or (with connect/img/font locked to 'self') send anything anywhere.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers sent with every file of the window, in both shells. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  // The web shell's URL carries its token: never let it leak in a Referer.
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
};
