import { useMutation, useQueryClient } from '@tanstack/react-query';
import { AppError } from '../../../shared/errors';
import { useClient } from '../../api/api-context';
import { setDemo } from '../../api/fleet-cache';
import { fleetPatches } from '../../api/fleet-patches';
import { useFleet } from '../../api/queries';
import { useUiStore } from '../../app/ui-store';
import { Button } from '../../ui/Button';
import { ErrorNotice } from '../../ui/ErrorNotice';

/** Says plainly that the hosts on screen are simulated, and how to get to real ones. */
export function DemoBanner() {
  const client = useClient();
  const { data: showing } = useFleet(
    (f) => f.demo && f.hosts.some((h) => h.config.driver === 'demo'),
  );
  const openAddHost = useUiStore((s) => s.openAddHost);
  const queryClient = useQueryClient();
  const hide = useMutation({
    mutationFn: () => client.call('demo:set', { enabled: false }),
    // The core also pushes demo:changed; applying the answer at once keeps the click snappy.
    onSuccess: () => fleetPatches(queryClient).now((f) => setDemo(f, false)),
  });
  if (!showing) return null;
  return (
    <div className="demo-banner" role="region" aria-label="Demo fleet" data-testid="demo-banner">
      <span className="demo-tag">DEMO</span>
      <p>
        <strong>Demo fleet</strong> — simulated hosts. Add your first host to manage real ones.
      </p>
      <Button variant="primary" size="small" onClick={openAddHost} data-testid="add-host-button">
        Add host
      </Button>
      <Button
        size="small"
        busy={hide.isPending}
        onClick={() => hide.mutate()}
        data-testid="hide-demo-button"
      >
        Hide demo
      </Button>
      {hide.error && (
        <ErrorNotice title="Couldn't hide the demo fleet" error={AppError.from(hide.error)} />
      )}
    </div>
  );
}
