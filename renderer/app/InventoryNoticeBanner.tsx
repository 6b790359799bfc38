import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { InventoryNotice } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import { useClient } from '../api/api-context';
import { useInventoryNotices } from '../api/queries';
import { queryKeys } from '../api/query-keys';
import { Button } from '../ui/Button';
import { ErrorNotice } from '../ui/ErrorNotice';

const WHAT: Record<InventoryNotice['reason'], string> = {
  empty: 'was empty (0 bytes)',
  damaged: 'was damaged',
  newer: 'was written by a newer version of Federator',
  unreadable: 'could not be read',
};

/**
 * The inventory could not be opened at start-up and the console runs on a fresh one: say so above
 * the topology until the admin dismisses it, with where the old file is and how to get it back.
 * Otherwise an empty console (or the demo fleet) looks like a first run.
 */
export function InventoryNoticeBanner() {
  const client = useClient();
  const queryClient = useQueryClient();
  const { data: notices = [] } = useInventoryNotices();
  const dismiss = useMutation({
    mutationFn: () => client.call('inventory:dismiss-notices', {}),
    onSuccess: () => queryClient.setQueryData(queryKeys.inventoryNotices(), []),
  });
  if (notices.length === 0) return null;
  return (
    <div
      className="inventory-notice"
      role="alert"
      aria-label="Inventory kept aside"
      data-testid="inventory-notice"
    >
      {notices.map((notice) => (
        <NoticeText key={notice.keptAs} notice={notice} />
      ))}
      <div className="button-row">
        <Button
          size="small"
          busy={dismiss.isPending}
          onClick={() => dismiss.mutate()}
          data-testid="inventory-notice-dismiss"
        >
          Dismiss and start fresh
        </Button>
      </div>
      {dismiss.error && (
        <ErrorNotice
          title="Couldn't dismiss the inventory notice"
          error={AppError.from(dismiss.error)}
        />
      )}
    </div>
  );
}

function NoticeText({ notice }: { notice: InventoryNotice }) {
  return (
    <div className="inventory-notice-item" data-reason={notice.reason}>
      <p className="inventory-notice-title">
        Your inventory {WHAT[notice.reason]}: the console started with an empty one, so your hosts,
        services and plans are not shown.
      </p>
      <p>
        Nothing was deleted: the old file is kept as <code>{notice.keptAs}</code>
        {notice.detail === undefined ? '.' : ` (${notice.detail}).`}
      </p>
      <p>
        <ToDo notice={notice} /> Or dismiss this to start fresh; the kept file stays where it is.
      </p>
    </div>
  );
}

/** How to get the old inventory back: from a backup when the kept file itself is of no use. */
function ToDo({ notice }: { notice: InventoryNotice }) {
  const back = <code>{notice.path}</code>;
  if (notice.reason === 'newer')
    return (
      <>
        To get it back, stop this console, copy the kept file back to {back} and start the newer
        Federator that wrote it.
      </>
    );
  if (notice.reason === 'unreadable')
    return (
      <>
        To get it back, stop the console, make the kept file readable by you (its owner and
        permissions), copy it back to {back} and start the console again.
      </>
    );
  return (
    <>
      To get it back, stop the console, copy a backup of your inventory to {back} and start the
      console again.
    </>
  );
}
