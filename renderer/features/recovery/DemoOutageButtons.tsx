import { useMutation } from '@tanstack/react-query';
import type { Host } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import { useClient } from '../../api/api-context';
import { Button } from '../../ui/Button';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { isLost } from './RecoverButton';

type Outage = 'down' | 'partition' | 'none';

/**
 * The demo only: make this simulated host fail, for everyone or for the console alone, or bring it
 * back, to see detection, the witnesses and a recovery without a lab. The core treats it as it
 * treats a real host.
 */
export function DemoOutageButtons(props: { host: Host }) {
  const { host } = props;
  const client = useClient();
  const outage = useMutation({
    mutationFn: (what: Outage) =>
      client.call('demo:outage', { hostId: host.config.id, outage: what }),
  });
  if (host.config.driver !== 'demo') return null;
  const lost = isLost(host);
  const run = (what: Outage) => () => outage.mutate(what);
  return (
    <div className="demo-outage" data-testid="demo-outage">
      <span className="muted small">Demo:</span>
      {lost ? (
        <Button size="small" onClick={run('none')} data-testid="demo-outage-none">
          Bring it back
        </Button>
      ) : (
        <>
          <Button size="small" onClick={run('down')} data-testid="demo-outage-down">
            Simulate a host failure
          </Button>
          <Button size="small" onClick={run('partition')} data-testid="demo-outage-partition">
            Simulate a partition
          </Button>
        </>
      )}
      {outage.error && (
        <ErrorNotice
          title={`Couldn't simulate a failure of ${host.config.name}`}
          error={AppError.from(outage.error)}
        />
      )}
    </div>
  );
}
