import { useConnectionStatus } from '../api/api-context';

/**
 * Only in the web shell: says when the link to the core is down and that it is coming back. A token
 * the console refused is not an outage: App shows TokenRejected instead.
 */
export function ConnectionBanner() {
  const { status, retryInMs, everOpened } = useConnectionStatus();
  if (status !== 'reconnecting') return null;
  const seconds = Math.ceil(retryInMs / 1000);
  return (
    <div className="connection-banner" role="status" data-testid="connection-banner">
      <span className="spinner" aria-hidden="true" />
      {everOpened ? (
        <span>
          Lost the connection to the console. Reconnecting (next try in {seconds} s)… What you see
          may be out of date.
        </span>
      ) : (
        <span>
          Can&rsquo;t reach the console (next try in {seconds} s). Is <code>npm run web</code> still
          running?
        </span>
      )}
    </div>
  );
}
