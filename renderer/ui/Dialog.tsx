import { useId, useLayoutEffect, useRef, type ReactNode, type SyntheticEvent } from 'react';

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * Where focus goes back to when a dialog closes, kept past the dialog that opened it: the review
 * that "Move to…" opens returns focus to the VM card, not to the list that is gone by then.
 */
const returnTargets = new WeakMap<Element, HTMLElement>();

/**
 * A modal dialog: a native <dialog> opened with showModal(), so the browser keeps focus inside,
 * makes everything behind it inert (the event log included) and dims it with ::backdrop. Escape
 * fires `cancel`, which closes through onClose so the owner decides; focus goes back to whatever
 * had it before, unless a newer dialog has taken it meanwhile (Move to… hands over to the review).
 */
export function Dialog(props: {
  title: string;
  onClose: () => void;
  children: ReactNode;
  footer?: ReactNode;
  testId?: string;
  tone?: 'normal' | 'danger';
  /** `full`: most of the window, for lists with many columns (the alerts). */
  width?: 'normal' | 'wide' | 'full';
  /** role="alertdialog" for confirmations and warnings that need an answer. */
  alert?: boolean;
}) {
  const titleId = useId();
  const panel = useRef<HTMLDialogElement>(null);
  const { onClose } = props;

  // Layout effect: the element must be open and focused before anything else reads focus, and
  // its cleanup runs while the element is still in the document.
  useLayoutEffect(() => {
    const dialog = panel.current;
    if (!dialog) return;
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const owner = previous?.closest('dialog');
    const fallback = owner ? returnTargets.get(owner) : undefined;
    if (previous) returnTargets.set(dialog, owner ? (fallback ?? previous) : previous);
    if (!dialog.open) dialog.showModal();
    const first =
      dialog.querySelector<HTMLElement>('[data-autofocus]') ??
      dialog.querySelector<HTMLElement>(FOCUSABLE);
    (first ?? dialog).focus();
    return () => {
      const focusWasInside = dialog.contains(document.activeElement);
      if (dialog.open) dialog.close();
      const focusIsNowhere =
        document.activeElement === null || document.activeElement === document.body;
      if (!focusWasInside && !focusIsNowhere) return;
      const target = previous?.isConnected ? previous : fallback;
      if (target?.isConnected) target.focus();
    };
  }, []);

  // A click on the backdrop lands on the <dialog> itself; it does not close (forms lose nothing).
  const onCancel = (event: SyntheticEvent) => {
    event.preventDefault();
    onClose();
  };
  return (
    <dialog
      ref={panel}
      role={props.alert ? 'alertdialog' : undefined}
      aria-modal="true"
      aria-labelledby={titleId}
      tabIndex={-1}
      className={`dialog dialog-${props.width ?? 'normal'} dialog-tone-${props.tone ?? 'normal'}`}
      data-testid={props.testId}
      onCancel={onCancel}
    >
      <header className="dialog-header">
        <h2 id={titleId}>{props.title}</h2>
        <button type="button" className="dialog-close" aria-label="Close" onClick={onClose}>
          ×
        </button>
      </header>
      <div className="dialog-body">{props.children}</div>
      {props.footer && <footer className="dialog-footer">{props.footer}</footer>}
    </dialog>
  );
}
