/** A browser opened the web shell without its token: say where the right URL is. */
export function MissingToken() {
  return (
    <main className="missing-token" data-testid="missing-token">
      <h1>Federator</h1>
      <p className="error-title">This page has no access token.</p>
      <p>
        Open the URL printed by <code>npm run web</code> (it carries the access token).
      </p>
      <p className="muted">
        The console only answers pages that present the token of its current run, so that no other
        web page in this browser can reach it.
      </p>
    </main>
  );
}
