import { useDragStore } from './drag-store';

/** What the last move attempt said when it did not open a review: refused, or not planned. */
export function MoveNotice() {
  const notice = useDragStore((s) => s.notice);
  const notify = useDragStore((s) => s.notify);
  if (!notice) return null;
  return (
    <div
      className={`move-notice move-notice-${notice.tone}`}
      role="alert"
      data-testid="move-notice"
    >
      <p className="move-notice-title">{notice.title}</p>
      {notice.reasons.length > 0 && (
        <ul className="move-notice-reasons">
          {notice.reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      )}
      {notice.fix && <p className="move-notice-fix">{notice.fix}</p>}
      <p className="move-notice-nothing">Nothing was moved.</p>
      <button
        type="button"
        className="dialog-close"
        aria-label="Close the notice"
        onClick={() => notify(null)}
      >
        ×
      </button>
    </div>
  );
}
