import { useState, type SelectHTMLAttributes } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import type { HostId } from '../../../shared/domain';
import {
  isIsoVolume,
  vmNameProblem,
  type CreateVmRequest,
  type NewVmDisk,
  type NewVmNetwork,
  type PoolVolume,
} from '../../../shared/domain/create-vm';
import { AppError } from '../../../shared/errors';
import { formatSize } from '../../../shared/words/create-words';
import { useClient } from '../../api/api-context';
import { useFleet } from '../../api/queries';
import { useUiStore } from '../../app/ui-store';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Field } from '../../ui/Field';
import { usePlanWriter } from '../plans/use-plan-writer';

const ENGINE = '';
type DiskKind = NewVmDisk['kind'];
/** The network select's value: a network's name after "net:", or one of the two without. */
type NetworkChoice = 'user' | 'none' | `net:${string}`;

/** A labelled select in the form's grid, wired as Field wires an input. */
function SelectField(
  props: { label: string; testId: string; span: 1 | 2 | 3 | 4 } & Omit<
    SelectHTMLAttributes<HTMLSelectElement>,
    'id'
  >,
) {
  const { label, testId, span, children, ...select } = props;
  return (
    <div className={`field span-${span}`}>
      <label htmlFor={testId}>{label}</label>
      <select id={testId} data-testid={testId} {...select}>
        {children}
      </select>
    </div>
  );
}

/** A pool's volumes as options, each "pool / volume" (the value keeps both, split by a NUL). */
function VolumeOptions(props: { volumes: readonly PoolVolume[] }) {
  return props.volumes.map((v) => (
    <option key={`${v.pool}\0${v.name}`} value={`${v.pool}\0${v.name}`}>
      {v.pool} / {v.name}
    </option>
  ));
}

/** The New VM wizard, where the ui store says it is open. */
export function NewVmWizard() {
  const open = useUiStore((s) => s.newVm);
  const close = useUiStore((s) => s.closeNewVm);
  if (!open) return null;
  return <NewVmDialog initialHostId={open.hostId} onClose={close} />;
}

/**
 * Name, size, disk, network, boot media (or a template's XML), and where: a host the admin picks
 * or the engine's choice. "Review…" proposes the plan; its review says what will be made where,
 * with the engine's why and runners-up, and the admin approves it there.
 */
export function NewVmDialog(props: { initialHostId: HostId | undefined; onClose: () => void }) {
  const client = useClient();
  const writePlan = usePlanWriter();
  const openReview = useUiStore((s) => s.openReview);
  const { data: fleet } = useFleet();
  const [hostId, setHostId] = useState<string>(props.initialHostId ?? ENGINE);
  const [name, setName] = useState('');
  const [vcpus, setVcpus] = useState('1');
  const [memory, setMemory] = useState('512');
  const [diskKind, setDiskKind] = useState<DiskKind>('new');
  const [pool, setPool] = useState('');
  const [size, setSize] = useState('16');
  const [volume, setVolume] = useState('');
  const [network, setNetwork] = useState<NetworkChoice | ''>('');
  const [iso, setIso] = useState('');
  const [template, setTemplate] = useState('');

  const choices = useQuery({
    queryKey: ['vms', 'create-choices', hostId],
    queryFn: () => client.call('vms:create-choices', hostId === ENGINE ? {} : { hostId: hostId }),
    staleTime: 0,
    retry: false,
  });
  const propose = useMutation({
    mutationFn: (request: CreateVmRequest) => client.call('vms:plan-create', request),
    onSuccess: (plan) => {
      writePlan(plan);
      props.onClose();
      openReview(plan.id);
    },
  });

  const hosts = (fleet?.hosts ?? []).filter((h) => h.state === 'connected');
  const pools = choices.data?.pools ?? [];
  const chosenPool =
    pool !== '' ? pool : ((pools.find((p) => p.name === 'default') ?? pools[0])?.name ?? '');
  const networks = choices.data?.networks ?? [];
  const networkValue: NetworkChoice =
    network !== '' ? network : networks[0] ? `net:${networks[0].name}` : 'user';
  const volumes = choices.data?.volumes ?? [];
  const isos = volumes.filter((v) => isIsoVolume(v.name));
  const disks = volumes.filter((v) => !isIsoVolume(v.name));

  const onHost = fleet?.vms.filter((v) => v.hostId === hostId) ?? [];
  const nameProblem =
    name === ''
      ? undefined
      : (vmNameProblem(name) ??
        (onHost.some((v) => v.name === name)
          ? `${hosts.find((h) => h.config.id === hostId)?.config.name ?? 'The host'} already has a VM named “${name}”`
          : undefined));
  const sizeMiB = Number(size);
  const cpuCount = Number(vcpus);
  const memoryMiB = Number(memory);
  const numbersOk =
    Number.isInteger(cpuCount) &&
    cpuCount >= 1 &&
    cpuCount <= 256 &&
    Number.isInteger(memoryMiB) &&
    memoryMiB >= 32;
  const disk: NewVmDisk | undefined =
    diskKind === 'none'
      ? { kind: 'none' }
      : diskKind === 'new'
        ? Number.isInteger(sizeMiB) && sizeMiB >= 1 && chosenPool !== ''
          ? { kind: 'new', pool: chosenPool, sizeMiB }
          : undefined
        : volume !== ''
          ? { kind: 'existing', pool: volume.split('\0')[0]!, volume: volume.split('\0')[1]! }
          : undefined;
  const net: NewVmNetwork = networkValue.startsWith('net:')
    ? { kind: 'network', name: networkValue.slice(4) }
    : { kind: networkValue as 'user' | 'none' };
  const ready = name !== '' && nameProblem === undefined && numbersOk && disk !== undefined;

  const submit = () => {
    if (!ready) return;
    const isoChoice =
      iso === '' ? undefined : { pool: iso.split('\0')[0]!, volume: iso.split('\0')[1]! };
    propose.mutate({
      name,
      vcpus: cpuCount,
      memoryMiB,
      disk,
      network: net,
      ...(isoChoice === undefined ? {} : { iso: isoChoice }),
      ...(template.trim() === '' ? {} : { templateXml: template }),
      ...(hostId === ENGINE ? {} : { hostId: hostId as HostId }),
    });
  };

  return (
    <Dialog
      title="New VM"
      onClose={props.onClose}
      testId="new-vm-dialog"
      width="wide"
      footer={
        <>
          <Button onClick={props.onClose}>Cancel</Button>
          <Button
            variant="primary"
            disabled={!ready}
            busy={propose.isPending}
            onClick={submit}
            data-testid="new-vm-review"
          >
            Review…
          </Button>
        </>
      }
    >
      <form
        className="form-grid new-vm-form"
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <Field
          label="Name"
          testId="new-vm-name"
          span={2}
          value={name}
          data-autofocus
          onChange={(e) => setName(e.target.value)}
          error={nameProblem}
          hint="Quotes, spaces and $(…) are fine; not “/”."
        />
        <SelectField
          label="Host"
          testId="new-vm-host"
          span={2}
          value={hostId}
          onChange={(e) => {
            setHostId(e.target.value);
            setVolume('');
            setIso('');
          }}
        >
          <option value={ENGINE}>Let the placement engine choose</option>
          {hosts.map((h) => (
            <option key={h.config.id} value={h.config.id}>
              {h.config.name}
            </option>
          ))}
        </SelectField>
        <Field
          label="vCPUs"
          testId="new-vm-vcpus"
          span={1}
          type="number"
          min={1}
          max={256}
          value={vcpus}
          onChange={(e) => setVcpus(e.target.value)}
        />
        <Field
          label="Memory (MiB)"
          testId="new-vm-memory"
          span={1}
          type="number"
          min={32}
          value={memory}
          onChange={(e) => setMemory(e.target.value)}
        />
        <SelectField
          label="Disk"
          testId="new-vm-disk-kind"
          span={2}
          value={diskKind}
          onChange={(e) => setDiskKind(e.target.value as DiskKind)}
        >
          <option value="new">A new qcow2 volume in a pool</option>
          <option value="existing" disabled={hostId === ENGINE}>
            An existing volume{hostId === ENGINE ? ' (pick a host first)' : ''}
          </option>
          <option value="none">No disk</option>
        </SelectField>
        {diskKind === 'new' && (
          <>
            <SelectField
              label="Storage pool"
              testId="new-vm-pool"
              span={2}
              value={chosenPool}
              onChange={(e) => setPool(e.target.value)}
            >
              {pools.map((p) => (
                <option key={p.name} value={p.name}>
                  {p.name}
                  {p.mostAvailableBytes === undefined
                    ? ''
                    : ` — ${hostId === ENGINE ? 'up to ' : ''}${formatSize(p.mostAvailableBytes)} free${hostId === ENGINE ? ` (${p.hosts} host${p.hosts === 1 ? '' : 's'})` : ''}`}
                </option>
              ))}
            </SelectField>
            <Field
              label="Disk size (MiB)"
              testId="new-vm-size"
              span={2}
              type="number"
              min={1}
              value={size}
              onChange={(e) => setSize(e.target.value)}
            />
          </>
        )}
        {diskKind === 'existing' && (
          <SelectField
            label="Volume"
            testId="new-vm-volume"
            span={4}
            value={volume}
            onChange={(e) => setVolume(e.target.value)}
          >
            <option value="">Choose a volume…</option>
            <VolumeOptions volumes={disks} />
          </SelectField>
        )}
        <SelectField
          label="Network"
          testId="new-vm-network"
          span={2}
          value={networkValue}
          onChange={(e) => setNetwork(e.target.value as NetworkChoice)}
        >
          {networks.map((n) => (
            <option key={n.name} value={`net:${n.name}`}>
              Network {n.name}
            </option>
          ))}
          <option value="user">User-mode networking (no host set-up)</option>
          <option value="none">No network card</option>
        </SelectField>
        <SelectField
          label="Boot media"
          testId="new-vm-iso"
          span={2}
          value={iso}
          disabled={hostId === ENGINE}
          onChange={(e) => setIso(e.target.value)}
        >
          <option value="">
            {hostId === ENGINE ? 'Pick a host to boot from an ISO' : 'None (boot from the disk)'}
          </option>
          <VolumeOptions volumes={isos} />
        </SelectField>
        <details className="span-4 new-vm-advanced">
          <summary>Advanced: start from a template’s domain XML</summary>
          <textarea
            data-testid="new-vm-template"
            rows={6}
            value={template}
            onChange={(e) => setTemplate(e.target.value)}
            placeholder="<domain type='kvm'>…</domain> — its name, UUID, vCPUs and memory are set from this form, the disk, boot media and network card added."
          />
        </details>
        <button type="submit" hidden />
      </form>
      {choices.isPending && <p className="muted small">Reading the pools and networks…</p>}
      {choices.data && choices.data.problems.length > 0 && (
        <ul className="muted small" data-testid="new-vm-problems">
          {choices.data.problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      {choices.error && (
        <ErrorNotice
          title="Couldn't read the pools and networks"
          error={AppError.from(choices.error)}
          testId="new-vm-choices-error"
        />
      )}
      {propose.error && (
        <ErrorNotice
          title={`Couldn't plan VM ${name}`}
          error={AppError.from(propose.error)}
          testId="new-vm-error"
        />
      )}
    </Dialog>
  );
}
