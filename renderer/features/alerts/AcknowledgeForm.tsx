import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { Alert, AlertList } from '../../../shared/domain/alert';
import { AppError } from '../../../shared/errors';
import { useClient } from '../../api/api-context';
import { upsertAlert } from '../../api/alerts-cache';
import { ALERT_HISTORY_LIMIT, queryKeys } from '../../api/query-keys';
import { Button } from '../../ui/Button';
import { ErrorNotice } from '../../ui/ErrorNotice';

const NOTE_MAX = 2000;

/**
 * "I am on it", with a note the next admin reads ("disk ordered, ticket 4411"). The alert stays in
 * the list with the note, out of the badge's count, until it resolves.
 */
export function AcknowledgeForm(props: { alert: Alert; onDone: () => void }) {
  const client = useClient();
  const queryClient = useQueryClient();
  const [note, setNote] = useState('');
  const noteId = useId();
  const acknowledge = useMutation({
    mutationFn: () => client.call('alerts:acknowledge', { alertId: props.alert.id, note }),
    onSuccess: (alert) => {
      // The event follows; the answer already says it, so the row changes without waiting.
      queryClient.setQueryData<AlertList>(
        queryKeys.alerts(),
        (old) => old && upsertAlert(old, alert, ALERT_HISTORY_LIMIT),
      );
      props.onDone();
    },
  });
  return (
    <form
      className="alert-ack-form"
      data-testid="acknowledge-form"
      onSubmit={(event) => {
        event.preventDefault();
        acknowledge.mutate();
      }}
    >
      <label htmlFor={noteId}>Note for whoever looks next (optional)</label>
      <textarea
        id={noteId}
        data-testid="acknowledge-note"
        autoFocus
        rows={2}
        maxLength={NOTE_MAX}
        value={note}
        disabled={acknowledge.isPending}
        onChange={(event) => setNote(event.target.value)}
      />
      {acknowledge.error && (
        <ErrorNotice
          title={`Couldn't acknowledge ${props.alert.ruleName} on ${props.alert.object.name}`}
          error={AppError.from(acknowledge.error)}
        />
      )}
      <div className="button-row">
        <Button
          type="submit"
          variant="primary"
          size="small"
          busy={acknowledge.isPending}
          data-testid="acknowledge-submit"
        >
          Acknowledge
        </Button>
        <Button size="small" variant="ghost" onClick={props.onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
