import { useId, useState } from 'react';
import type { AppError } from '../../shared/errors';

/**
 * An error a person caused by acting: a title naming the action and object, the message, and the
 * raw detail (stderr, libvirt's text) behind a disclosure.
 */
export function ErrorNotice(props: { title?: string; error: AppError; testId?: string }) {
  const { error } = props;
  const [open, setOpen] = useState(false);
  const detailId = useId();
  // The core's messages often name the action already ("Couldn't add host hv1: …"): say it once.
  const said = props.title && error.message.toLowerCase().startsWith(props.title.toLowerCase());
  return (
    <div className="error-notice" role="alert" data-testid={props.testId ?? 'error-notice'}>
      {said ? (
        <p className="error-title error-message">{error.message}</p>
      ) : (
        <>
          {props.title && <p className="error-title">{props.title}</p>}
          <p className="error-message">{error.message}</p>
        </>
      )}
      {error.detail && (
        <>
          <button
            type="button"
            className="link-button"
            aria-expanded={open}
            aria-controls={detailId}
            onClick={() => setOpen(!open)}
          >
            {open ? 'Hide details' : 'Show details'}
          </button>
          {open && (
            <pre id={detailId} className="error-detail">
              {error.detail}
            </pre>
          )}
        </>
      )}
    </div>
  );
}
