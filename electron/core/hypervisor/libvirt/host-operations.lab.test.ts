import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { ApplicationId, HostId, ServiceId } from '../../../../shared/domain/ids';
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
} from '../../../testing/lab-hosts';

const lab = readLab();
const hv1 = labHost(lab, 1);
const hv2 = labHost(lab, 2);
const NAME = 't-ops-link';
const PAUSED_NAME = "t-resume 'paused' $(x)";

afterAll(() => {
  for (const host of [hv1, hv2]) {
    for (const [uuid, name] of outOfBandList(host)) {
      if (name === NAME || name === PAUSED_NAME) removeGuest(host, uuid);
    }
  }
});

describe('a libvirt host link gives plans its hypervisor', () => {
  it('define, tag, migrate through hypervisor(), each seen in the listing at once; refused once disconnected', async () => {
    const rec = recorder();
    const link = createLibvirtHostLink(hostConfig(hv1, lab.clientKey), {
      trustedKeys: memoryKeys({ 'lab-hv1': hv1.originalHostKeyFingerprint }),
      listener: rec.listener,
    });
    try {
      await expect(link.hypervisor()).rejects.toMatchObject({
        code: 'unreachable',
        message: 'hv1 is not connected (disconnected)',
      });
      link.open();
      await rec.host((h) => h.state === 'connected');
      const ops = await link.hypervisor();
      const uuid = await ops.define(guestXml(NAME, { uuid: randomUUID() }));
      await ops.setMetadata(uuid, {
        application: 'web' as ApplicationId,
        service: 'shop' as ServiceId,
      });
      expect((await ops.refresh()).find((vm) => vm.id === uuid)).toMatchObject({
        name: NAME,
        application: 'web',
      });
      await ops.act(uuid, 'start');
      await ops.migrate(
        uuid,
        {
          hostId: 'lab-hv2' as HostId,
          hostName: 'hv2',
          address: hv2.address,
          port: hv2.port,
          user: hv2.user,
          uri: hv2.uri,
        },
        { live: true },
      );
      expect((await ops.refresh()).some((vm) => vm.id === uuid)).toBe(false);
      expect(link.current().vms.some((vm) => vm.id === uuid)).toBe(false);
      expect(virshAs(hv2, 'domstate', uuid).trim()).toBe('running');
      await link.disconnect();
      await expect(link.hypervisor()).rejects.toMatchObject({
        code: 'unreachable',
        message: 'hv1 is not connected (disconnected: Disconnected by the admin)',
      });
    } finally {
      await link.close();
    }
  });

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
      const uuid = await ops.define(guestXml(PAUSED_NAME, { uuid: randomUUID() }));
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
