import { useConnectionStatus } from '../api/api-context';

/** Only in the web shell: says when the link to the core is down and that it is coming back. */
export function ConnectionBanner() {
  const { status, retryInMs } = useConnectionStatus();
  if (status !== 'reconnecting') return null;
  return (
    <div className="connection-banner" role="status" data-testid="connection-banner">
      <span className="spinner" aria-hidden="true" />
      Lost the connection to the console. Reconnecting (next try in {Math.ceil(retryInMs / 1000)} s)…
      What you see may be out of date.
    </div>
  );
}
