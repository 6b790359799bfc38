/**
 * The window's Content-Security-Policy, the same for the Electron window (app:// protocol) and the
 * web shell (HTTP header): scripts only from the app itself (no eval, no inline), network only back
 * to where the page came from (the web shell's WebSocket is same-origin), no plugins, no framing.
 * No inline styles either, as the window's own meta policy says; React style props go through the
 * CSSOM, which CSP does not govern.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
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
