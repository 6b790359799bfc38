import type { ReactNode } from 'react';
import type { Host } from '../../../shared/domain';
import type { HostNetwork, StoragePool } from '../../../shared/domain/host-storage';
import { AppError } from '../../../shared/errors';
import {
  networkWords,
  poolFullness,
  poolSizeWords,
  poolStateWords,
} from '../../../shared/words/host-storage-words';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { useHostStorage } from './use-host-storage';
import '../vm-details/vm-details.css';
import './host-storage.css';

/** The host's storage pools (capacity, allocation, free space, state) and virtual networks. */
export function HostStorage({ host }: { host: Host }) {
  const name = host.config.name;
  const connected = host.state === 'connected';
  const storage = useHostStorage(host.config.id, connected);
  return (
    <section className="host-storage" data-testid="host-storage">
      <h3>Storage pools and networks</h3>
      {!connected ? (
        <p className="muted small">Pools and networks are read when {name} is connected.</p>
      ) : storage.isPending ? (
        <p className="muted small" role="status">
          Reading the pools and networks of {name}…
        </p>
      ) : storage.error ? (
        <ErrorNotice
          title={`Couldn't read the storage pools and networks of host ${name}`}
          error={AppError.from(storage.error)}
          testId="host-storage-error"
        />
      ) : (
        <>
          <Listed items={storage.data.pools} none="No storage pool." testId="host-pools">
            {(pool) => <PoolRow key={pool.uuid} pool={pool} />}
          </Listed>
          <Listed items={storage.data.networks} none="No virtual network." testId="host-networks">
            {(network) => <NetworkRow key={network.uuid} network={network} />}
          </Listed>
        </>
      )}
    </section>
  );
}

function Listed<T>(props: {
  items: readonly T[];
  none: string;
  testId: string;
  children: (item: T) => ReactNode;
}) {
  if (props.items.length === 0) return <p className="muted small">{props.none}</p>;
  return (
    <ul className="device-list" data-testid={props.testId}>
      {props.items.map(props.children)}
    </ul>
  );
}

function PoolRow({ pool }: { pool: StoragePool }) {
  const full = poolFullness(pool);
  return (
    <li data-testid="host-pool" data-pool={pool.name} data-active={pool.active}>
      <div>
        <strong>{pool.name}</strong> <span className="muted">{poolStateWords(pool)}</span>
      </div>
      {pool.path !== undefined && <code className="storage-path">{pool.path}</code>}
      <div className="small">{poolSizeWords(pool)}</div>
      {full !== undefined && (
        <meter
          className="pool-meter"
          min={0}
          max={1}
          low={0.7}
          high={0.9}
          optimum={0}
          value={full}
          aria-label={`${pool.name} ${Math.round(full * 100)}% full`}
        />
      )}
    </li>
  );
}

function NetworkRow({ network }: { network: HostNetwork }) {
  return (
    <li data-testid="host-network" data-network={network.name} data-active={network.active}>
      <div>
        <strong>{network.name}</strong> <span className="muted">{networkWords(network)}</span>
      </div>
    </li>
  );
}
