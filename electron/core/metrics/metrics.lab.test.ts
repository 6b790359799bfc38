import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { HostId } from '../../../shared/domain/ids';
import { createLibvirtHostLink } from '../hosts/libvirt-host-link';
import {
  guestXml,
  hostConfig,
  labHost,
  memoryKeys,
  outOfBandList,
  readLab,
  recorder,
  removeGuest,
} from '../../testing/lab-hosts';
import { UsageTracker } from './usage';

const lab = readLab();
const hv1 = labHost(lab, 1);
const NAME = 't-metrics-burn';

afterAll(() => {
  for (const [uuid, name] of outOfBandList(hv1)) if (name === NAME) removeGuest(hv1, uuid);
});

describe('utilisation sampled from a real host', () => {
  it('one command gives plausible host CPU and memory, and a running guest whose CPU time advances', async () => {
    const rec = recorder();
    const link = createLibvirtHostLink(hostConfig(hv1, lab.clientKey), {
      trustedKeys: memoryKeys({ 'lab-hv1': hv1.originalHostKeyFingerprint }),
      listener: rec.listener,
    });
    try {
      link.open();
      await rec.host((h) => h.state === 'connected');
      const ops = await link.hypervisor();
      const uuid = await ops.define(guestXml(NAME, { uuid: randomUUID() }));
      await ops.act(uuid, 'start');
      const sample = ops.sampleCounters;
      if (sample === undefined) throw new Error('the libvirt driver has no sampler');
      const first = await sample();
      await new Promise((resolve) => setTimeout(resolve, 3000));
      const second = await sample();

      expect(second.host.memoryTotalKiB).toBeGreaterThan(256 * 1024);
      expect(second.host.memoryAvailableKiB).toBeLessThanOrEqual(second.host.memoryTotalKiB);
      expect(second.host.uptimeSeconds).toBeGreaterThan(first.host.uptimeSeconds);
      expect(second.host.cpu.total).toBeGreaterThan(first.host.cpu.total);

      const before = first.vms.find((vm) => vm.name === NAME);
      const after = second.vms.find((vm) => vm.name === NAME);
      expect(after).toMatchObject({ state: 'running', vcpus: 1 });
      expect(after?.cpuTimeNs).toBeGreaterThan(before?.cpuTimeNs ?? Number.POSITIVE_INFINITY);

      const tracker = new UsageTracker();
      const id = HostId.parse('lab-hv1');
      const idOf = (name: string) => (name === NAME ? uuid : undefined);
      tracker.next(id, first, idOf);
      const usage = tracker.next(id, second, idOf);
      expect(usage.host.cpu).toBeGreaterThan(0);
      expect(usage.host.cpu).toBeLessThanOrEqual(100);
      expect(usage.host.memory).toBeGreaterThan(0);
      const guest = usage.vms.find((vm) => vm.vmId === uuid);
      expect(guest?.cpu).toBeGreaterThan(0);
      expect(guest?.cpu).toBeLessThanOrEqual(100);
      console.log(
        `lab sample: host CPU ${usage.host.cpu?.toFixed(1)} %, memory ${usage.host.memory?.toFixed(0)} MiB; guest CPU ${guest?.cpu?.toFixed(1)} %`,
      );
    } finally {
      await link.close();
    }
  }, 120_000);
});
