/**
 * The web shell turned this page's token away (a URL from an earlier run, or mistyped): unlike an
 * outage, waiting will not help, so the page says what will and stops trying.
 */
export function TokenRejected() {
  return (
    <main className="missing-token" role="alert" data-testid="token-rejected">
      <h1>Federator</h1>
      <p className="error-title">
        This page&rsquo;s access token is not valid: open the URL printed by{' '}
        <code>npm run web</code> again (the token changes with every run).
      </p>
      <p className="muted">
        The console only answers pages that present the token of its current run, so that no other
        web page in this browser can reach it. This page has stopped trying.
      </p>
    </main>
  );
}
