import { useMutation } from '@tanstack/react-query';
import { AppError } from '../../../shared/errors';
import { useClient } from '../../api/api-context';
import { useUiStore } from '../../app/ui-store';
import { Button } from '../../ui/Button';
import { ErrorNotice } from '../../ui/ErrorNotice';

/**
 * No hosts at all: offer the two ways forward, a real host or the simulated fleet (hidden demo hosts
 * come back here, so a new user who hid the demo is never stuck on a blank page).
 */
export function EmptyFleet({ demoShown }: { demoShown: boolean }) {
  const client = useClient();
  const openAddHost = useUiStore((s) => s.openAddHost);
  // The core pushes the demo hosts as they appear: nothing to write into the cache here.
  const showDemo = useMutation({ mutationFn: () => client.call('demo:set', { enabled: true }) });
  return (
    <div className="topology-empty">
      <h2>No hosts yet</h2>
      <p>Add a libvirt host you can reach over SSH to see its VMs here.</p>
      <Button variant="primary" onClick={openAddHost} data-testid="add-host-button">
        Add host
      </Button>
      {!demoShown && (
        <Button
          busy={showDemo.isPending}
          onClick={() => showDemo.mutate()}
          data-testid="show-demo-button"
        >
          Explore the demo fleet
        </Button>
      )}
      {showDemo.error && (
        <ErrorNotice title="Couldn't show the demo fleet" error={AppError.from(showDemo.error)} />
      )}
    </div>
  );
}
