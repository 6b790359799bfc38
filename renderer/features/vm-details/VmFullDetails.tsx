import { useState } from 'react';
import type { Vm } from '../../../shared/domain';
import type { VmDisk, VmFullDetails as Details, VmNic } from '../../../shared/domain/vm-details';
import { AppError } from '../../../shared/errors';
import {
  addressWords,
  formatDiskSize,
  osWords,
  uptimeWords,
} from '../../../shared/words/vm-details-words';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { DomainXml } from './DomainXml';
import { HA_WORDS } from '../../../shared/words/recovery-words';
import { useHaMarks, useSetAutostart, useSetHa, useVmDetails } from './use-vm-details';
import './vm-details.css';

/**
 * What the host says of a VM beyond the fleet's figures: disks, NICs and addresses, OS, uptime,
 * autostart and its XML. Read when the VM is opened; a host that is not connected is said so.
 */
export function VmFullDetails(props: { vm: Vm; hostName: string; hostConnected: boolean }) {
  const { vm, hostName, hostConnected } = props;
  const details = useVmDetails(vm, hostConnected);
  if (!hostConnected) {
    return (
      <p className="muted small">
        Disks, addresses and the XML are read when {hostName} is connected.
      </p>
    );
  }
  if (details.isPending) {
    return (
      <p className="muted small" role="status" data-testid="vm-details-loading">
        Reading the details from {hostName}…
      </p>
    );
  }
  if (details.error) {
    return (
      <ErrorNotice
        title={`Couldn't read the details of VM ${vm.name} on host ${hostName}`}
        error={AppError.from(details.error)}
        testId="vm-details-error"
      />
    );
  }
  return <Loaded vm={vm} details={details.data} hostName={hostName} />;
}

function Loaded(props: { vm: Vm; details: Details; hostName: string }) {
  const { vm, details, hostName } = props;
  const autostart = useSetAutostart(vm);
  // The admin's choice, shown from the click until libvirt's answer has been read back (or the
  // change failed). A controlled checkbox that waits for the mutation's state does not move when
  // clicked: the mutation's pending state reaches React a tick after the click.
  const [wanted, setWanted] = useState<boolean | undefined>();
  return (
    <div className="vm-full-details" data-testid="vm-full-details">
      <dl className="facts">
        <dt>OS</dt>
        <dd data-testid="vm-os">{osWords(details.osId)}</dd>
        <dt>Uptime</dt>
        <dd data-testid="vm-uptime">{uptimeWords(details.uptime)}</dd>
        <dt>Autostart</dt>
        <dd>
          <label className="toggle">
            <input
              type="checkbox"
              checked={wanted ?? details.autostart}
              disabled={wanted !== undefined || !details.persistent}
              onChange={(event) => {
                setWanted(event.target.checked);
                autostart.mutate(event.target.checked, { onSettled: () => setWanted(undefined) });
              }}
              data-testid="vm-autostart"
            />{' '}
            {details.persistent ? `start with ${hostName}` : 'not for a transient VM'}
          </label>
        </dd>
      </dl>
      <HaSwitch vm={vm} />
      {autostart.error && (
        <ErrorNotice
          title={`Couldn't turn ${autostart.variables ? 'on' : 'off'} autostart of VM ${vm.name} on ${hostName}`}
          error={AppError.from(autostart.error)}
          testId="vm-autostart-error"
        />
      )}
      <h3>Disks</h3>
      {details.disks.length === 0 ? (
        <p className="muted small">No disk.</p>
      ) : (
        <ul className="device-list" data-testid="vm-disks">
          {details.disks.map((disk) => (
            <DiskRow key={disk.target} disk={disk} />
          ))}
        </ul>
      )}
      {details.diskSizesError && (
        <p className="muted small">Sizes not known: {details.diskSizesError}</p>
      )}
      <h3>Network</h3>
      {details.nics.length > 0 && (
        <ul className="device-list" data-testid="vm-nics">
          {details.nics.map((nic) => (
            <NicRow key={nic.mac} nic={nic} />
          ))}
        </ul>
      )}
      <p className="muted small" data-testid="vm-address-source">
        {addressWords(details.addresses)}
      </p>
      <DomainXml xml={details.xml} truncated={details.xmlTruncated} />
    </div>
  );
}

/** Restart on another host if this one fails: a switch, or why a service's VM needs none. */
function HaSwitch({ vm }: { vm: Vm }) {
  const marks = useHaMarks();
  const setHa = useSetHa(vm);
  const [wanted, setWanted] = useState<boolean | undefined>();
  if (vm.service !== undefined) {
    return (
      <p className="muted small" data-testid="vm-ha-service">
        {HA_WORDS.inService}
      </p>
    );
  }
  const marked = marks.data?.includes(vm.id) ?? false;
  return (
    <div className="vm-ha" data-testid="vm-ha">
      <label className="toggle">
        <input
          type="checkbox"
          checked={wanted ?? marked}
          disabled={wanted !== undefined || marks.data === undefined}
          onChange={(event) => {
            setWanted(event.target.checked);
            setHa.mutate(event.target.checked, { onSettled: () => setWanted(undefined) });
          }}
          data-testid="vm-ha-switch"
        />{' '}
        {HA_WORDS.label}
      </label>
      <p className="muted small">{HA_WORDS.hint}</p>
      {setHa.error && (
        <ErrorNotice
          title={HA_WORDS.failed(setHa.variables ?? true, vm.name)}
          error={AppError.from(setHa.error)}
          testId="vm-ha-error"
        />
      )}
    </div>
  );
}

function DiskRow({ disk }: { disk: VmDisk }) {
  const sizes = [
    disk.capacityBytes === undefined ? undefined : `${formatDiskSize(disk.capacityBytes)} capacity`,
    disk.allocationBytes === undefined
      ? undefined
      : `${formatDiskSize(disk.allocationBytes)} allocated`,
  ].filter(Boolean);
  return (
    <li data-testid="vm-disk" data-target={disk.target}>
      <div>
        <strong>{disk.target}</strong>{' '}
        <span className="muted">
          {[disk.device, disk.bus, disk.format, disk.readOnly ? 'read-only' : undefined]
            .filter(Boolean)
            .join(' · ')}
        </span>
      </div>
      <code className="device-source">{disk.source ?? '(empty)'}</code>
      {disk.volumePath !== undefined && disk.volumePath !== disk.source && (
        <div className="small" data-testid="vm-disk-volume-path">
          pool volume, the file <code className="device-source">{disk.volumePath}</code>
        </div>
      )}
      {disk.volumeError !== undefined && (
        <div className="small muted" data-testid="vm-disk-volume-error">
          couldn't look up the pool volume: {disk.volumeError}
        </div>
      )}
      {sizes.length > 0 && <div className="small">{sizes.join(', ')}</div>}
    </li>
  );
}

function NicRow({ nic }: { nic: VmNic }) {
  const attached = nic.source === undefined ? nic.type : `${nic.type} ${nic.source}`;
  return (
    <li data-testid="vm-nic">
      <div>
        <code>{nic.mac}</code>{' '}
        <span className="muted">{[attached, nic.model].filter(Boolean).join(' · ')}</span>
      </div>
      {nic.addresses.length > 0 && (
        <div className="small" data-testid="vm-nic-addresses">
          {nic.addresses
            .map((a) => (a.prefix === undefined ? a.address : `${a.address}/${a.prefix}`))
            .join(', ')}
        </div>
      )}
    </li>
  );
}
