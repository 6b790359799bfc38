import { AppError } from '../../shared/errors';
import { useAbout } from '../api/queries';
import { Dialog } from '../ui/Dialog';
import { ErrorNotice } from '../ui/ErrorNotice';

/** The console's version and what it runs on; no links (the console has no business online). */
export function AboutDialog(props: { onClose: () => void }) {
  const { data: about, error } = useAbout(true);
  return (
    <Dialog title="About Federator" onClose={props.onClose} testId="about-dialog">
      {about ? (
        <dl className="about-list">
          <dt>Version</dt>
          <dd data-testid="about-version">{about.version}</dd>
          {about.electron !== undefined && (
            <>
              <dt>Electron</dt>
              <dd>{about.electron}</dd>
            </>
          )}
          {about.chrome !== undefined && (
            <>
              <dt>Chrome</dt>
              <dd>{about.chrome}</dd>
            </>
          )}
          <dt>Node</dt>
          <dd>{about.node}</dd>
          {about.electron === undefined && (
            <>
              <dt>Shell</dt>
              <dd>Web console (the core runs in Node; this page in your browser)</dd>
            </>
          )}
        </dl>
      ) : error ? (
        <ErrorNotice title="Couldn't read the version" error={AppError.from(error)} />
      ) : (
        <p className="muted">Reading the version…</p>
      )}
      <p className="muted small">
        A desktop console for libvirt fleets: live topology, services and placement over plain SSH.
      </p>
    </Dialog>
  );
}
