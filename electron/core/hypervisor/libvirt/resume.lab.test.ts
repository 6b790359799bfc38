import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createLibvirtHostLink } from '../../hosts/libvirt-host-link';
import {
  guestXml,
  hostConfig,
  labHost,
  memoryKeys,
  outOfBandList,
  readLab,
  recorder,
  removeGuest,
  virshAs,
} from '../../hosts/lab.test-support';

const lab = readLab();
const hv1 = labHost(lab, 1);
const NAME = "t-resume 'paused' $(x)";

afterAll(() => {
  for (const [uuid, name] of outOfBandList(hv1)) if (name === NAME) removeGuest(hv1, uuid);
});

describe('Resume on a real host', () => {
  it('a guest paused out of band shows paused, and Resume (virsh resume by UUID) runs it again', async () => {
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
      virshAs(hv1, 'suspend', uuid);
      expect(virshAs(hv1, 'domstate', uuid).trim()).toBe('paused');
      expect((await ops.refresh()).find((vm) => vm.id === uuid)?.state).toBe('paused');

      await ops.act(uuid, 'resume');
      expect(virshAs(hv1, 'domstate', uuid).trim()).toBe('running');
      expect((await ops.refresh()).find((vm) => vm.id === uuid)?.state).toBe('running');
    } finally {
      await link.close();
    }
  });
});
