import { afterAll, describe, expect, it } from 'vitest';
import type { VmId } from '../../../../shared/domain/ids';
import { createLibvirtHostLink } from '../../hosts/libvirt-host-link';
import {
  hostConfig,
  labHost,
  labSshTarget,
  memoryKeys,
  pidsOf,
  readLab,
  recorder,
  until,
  virshAs,
  type LabHost,
} from '../../../testing/lab-hosts';
import { openSshSession } from '../../ssh/ssh-connect';
import type { SshSession } from '../../ssh/ssh-session';
import { createLibvirtDriver } from './libvirt-driver';

const lab = readLab();
const hv1 = labHost(lab, 1);
const hv2 = labHost(lab, 2); // the hung-daemon fault goes to hv2
const sessions: SshSession[] = [];

async function driverFor(host: LabHost, uri = host.uri, queryMs = 15_000) {
  const session = await openSshSession(labSshTarget(lab, host));
  sessions.push(session);
  const driver = createLibvirtDriver({
    shell: session,
    hostId: host.name as never,
    hostName: host.name,
    uri,
    timeouts: { queryMs },
  });
  return driver;
}

/** SIGSTOP the host user's own libvirtd (only PIDs running as that user), always resumed. */
async function withHungLibvirt(host: LabHost, body: () => Promise<void>): Promise<void> {
  virshAs(host, 'uri'); // make sure the daemon runs (it exits when idle)
  const pids = pidsOf(host.user, 'libvirtd');
  expect(pids.length).toBeGreaterThan(0);
  for (const pid of pids) process.kill(pid, 'SIGSTOP');
  try {
    await body();
  } finally {
    for (const pid of pids) process.kill(pid, 'SIGCONT');
  }
}

afterAll(async () => {
  await Promise.all(sessions.map((s) => s.close()));
});

describe('libvirt driver against the lab', () => {
  it('lists exactly what virsh lists, with states', async () => {
    const driver = await driverFor(hv1);
    const vms = await driver.listVms();
    const uuids = virshAs(hv1, 'list', '--all', '--uuid').split('\n').filter(Boolean);
    // Both ways: nothing virsh lists is missing, and nothing is listed that virsh does not know.
    expect([...new Set(vms.map((v) => v.id))].sort()).toEqual([...new Set(uuids)].sort());
    expect(vms).toHaveLength(uuids.length);
    for (const uuid of uuids) {
      const vm = vms.find((v) => v.id === uuid);
      expect(vm).toBeDefined();
      const state = virshAs(hv1, 'domstate', uuid).trim();
      expect(state.replace(' ', '')).toBe(vm?.state);
    }
  });

  it('says libvirt does not answer at a URI with no daemon, instead of throwing', async () => {
    const driver = await driverFor(hv1, 'qemu:///system');
    const facts = await driver.facts();
    expect(facts.os.kernel).not.toBe('');
    expect(facts.virtualLayer.status).toBe('not-answering');
    expect(facts.virtualLayer.problem).toMatch(
      /^libvirt does not answer at qemu:\/\/\/system on hv1: .*failed to connect/i,
    );
    await expect(driver.listVms()).rejects.toMatchObject({ code: 'hypervisor-missing' });
  });

  it('words a failed action with the VM and libvirt reason', async () => {
    const driver = await driverFor(hv1);
    const missing = '00000000-0000-4000-8000-000000000000' as VmId;
    await expect(driver.act(missing, 'start')).rejects.toMatchObject({
      code: 'not-found',
      message: `Couldn't start VM '${missing}' on hv1: failed to get domain '${missing}'`,
    });
  });

  it('a hung libvirtd makes commands time out with a clear error instead of hanging', async () => {
    const driver = await driverFor(hv2, hv2.uri, 1_500);
    const unwatch = await driver.watch({ onChange: () => undefined, onBroken: () => undefined });
    try {
      await withHungLibvirt(hv2, async () => {
        const started = performance.now();
        const error = await driver.listVms().then(
          () => undefined,
          (thrown: Error & { code: string }) => thrown,
        );
        expect(performance.now() - started).toBeLessThan(5_000);
        expect(error?.code).toBe('timeout');
        expect(error?.message).toBe(
          "Couldn't list the VMs on hv2: `virsh list --all --uuid --name` on hv2 did not answer within 1.5 s",
        );
        const facts = await driver.facts();
        expect(facts.virtualLayer.status).toBe('not-answering');
        expect(facts.virtualLayer.problem).toMatch(
          /libvirt does not answer at qemu:\/\/\/session on hv2: .*did not answer within 1.5 s/,
        );
      });
      expect((await driver.listVms()).length).toBeGreaterThan(0);
    } finally {
      unwatch();
    }
  });

  it('a link over a hung libvirtd shows hypervisor-problem, then recovers by itself', async () => {
    const rec = recorder();
    const link = createLibvirtHostLink(hostConfig(hv2, lab.clientKey), {
      trustedKeys: memoryKeys({ 'lab-hv2': hv2.originalHostKeyFingerprint }),
      listener: rec.listener,
      timing: { pollMs: 500, commandTimeoutMs: 1_000 },
    });
    try {
      link.open();
      await rec.host((h) => h.state === 'connected');
      await withHungLibvirt(hv2, async () => {
        const problem = await rec.host((h) => h.state === 'hypervisor-problem', 10_000);
        expect(problem.stateDetail).toMatch(/hv2.*did not answer within 1 s/);
      });
      const back = rec.hosts.length;
      await until(
        'connected again',
        () => rec.hosts.slice(back).find((r) => r.host.state === 'connected'),
        10_000,
      );
      expect(link.current().host.state).toBe('connected');
    } finally {
      await link.close();
    }
  });
});
