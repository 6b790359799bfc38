// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { VmFullDetails as Details } from '../../../shared/domain/vm-details';
import { AppError } from '../../../shared/errors';
import { FakeBridge } from '../../testing/fake-bridge';
import { makeVm } from '../../testing/fixtures';
import { renderWithApi } from '../../testing/render';
import { VmFullDetails } from './VmFullDetails';

afterEach(cleanup);

const vm = makeVm('hv1', 'web-1');

function details(overrides: Partial<Details> = {}): Details {
  return {
    vmId: vm.id,
    hostId: vm.hostId,
    readAt: 0,
    disks: [
      {
        target: 'vda',
        device: 'disk',
        bus: 'virtio',
        format: 'qcow2',
        sourceKind: 'file',
        source: "/srv/it's a disk.qcow2",
        readOnly: false,
        capacityBytes: 16 * 1024 ** 2,
        allocationBytes: 196_608,
      },
    ],
    nics: [
      {
        mac: '52:54:00:12:34:56',
        type: 'network',
        source: 'default',
        model: 'virtio',
        addresses: [{ protocol: 'ipv4', address: '192.168.122.45', prefix: 24 }],
      },
    ],
    addresses: { answeredBy: 'lease', tried: [{ source: 'lease', found: 1 }], notRunning: false },
    osId: 'http://debian.org/debian/12',
    uptime: { known: true, seconds: 3900 },
    autostart: false,
    persistent: true,
    hasSerial: true,
    xml: '<domain><name>web-1</name></domain>',
    xmlTruncated: false,
    ...overrides,
  };
}

describe("a VM's full details", () => {
  it("shows a pool volume's file, or why the volume was not found", async () => {
    const volume = {
      target: 'vdb',
      device: 'disk',
      sourceKind: 'volume' as const,
      source: 'default/lab-alpha.qcow2',
      pool: 'default',
      volume: 'lab-alpha.qcow2',
      readOnly: false,
    };
    const fake = new FakeBridge().handle('vms:details', () =>
      details({
        disks: [
          { ...volume, volumePath: '/home/hv1/images/lab-alpha.qcow2' },
          { ...volume, target: 'vdc', volumeError: 'Storage volume not found' },
        ],
      }),
    );
    renderWithApi(<VmFullDetails vm={vm} hostName="hv1" hostConnected />, fake);
    const panel = await screen.findByTestId('vm-full-details');
    expect(within(panel).getByTestId('vm-disk-volume-path').textContent).toContain(
      '/home/hv1/images/lab-alpha.qcow2',
    );
    expect(within(panel).getByTestId('vm-disk-volume-error').textContent).toBe(
      "couldn't look up the pool volume: Storage volume not found",
    );
  });

  it('shows disks, NICs with where the address came from, OS, uptime and the XML', async () => {
    const fake = new FakeBridge().handle('vms:details', () => details());
    renderWithApi(<VmFullDetails vm={vm} hostName="hv1" hostConnected />, fake);
    const panel = await screen.findByTestId('vm-full-details');
    expect(within(panel).getByTestId('vm-disk').textContent).toContain("/srv/it's a disk.qcow2");
    expect(within(panel).getByTestId('vm-disk').textContent).toContain(
      '16 MiB capacity, 192 KiB allocated',
    );
    expect(within(panel).getByTestId('vm-disk').textContent).toContain('virtio · qcow2');
    expect(within(panel).getByTestId('vm-nic-addresses').textContent).toBe('192.168.122.45/24');
    expect(within(panel).getByTestId('vm-address-source').textContent).toBe(
      "From libvirt's DHCP leases.",
    );
    expect(within(panel).getByTestId('vm-os').textContent).toBe('debian 12');
    expect(within(panel).getByTestId('vm-uptime').textContent).toBe('1 h 5 min');
    expect(within(panel).getByTestId('vm-xml').textContent).toContain(
      '<domain><name>web-1</name></domain>',
    );
    expect(fake.callsTo('vms:details')).toEqual([{ hostId: vm.hostId, vmId: vm.id }]);
  });

  it('says in words that no address is known, and why', async () => {
    const fake = new FakeBridge().handle('vms:details', () =>
      details({
        addresses: {
          tried: [
            { source: 'lease', found: 0 },
            { source: 'arp', found: 0 },
          ],
          notRunning: false,
        },
      }),
    );
    renderWithApi(<VmFullDetails vm={vm} hostName="hv1" hostConnected />, fake);
    expect((await screen.findByTestId('vm-address-source')).textContent).toBe(
      "No address known: libvirt's DHCP leases had none; the host's ARP table had none.",
    );
  });

  it('turns autostart on through the core and shows what the host then says', async () => {
    let on = false;
    const fake = new FakeBridge()
      .handle('vms:details', () => details({ autostart: on }))
      .handle('vms:set-autostart', (req) => {
        on = req.autostart;
        return null;
      });
    renderWithApi(<VmFullDetails vm={vm} hostName="hv1" hostConnected />, fake);
    const toggle = await screen.findByTestId<HTMLInputElement>('vm-autostart');
    expect(toggle.checked).toBe(false);
    fireEvent.click(toggle);
    // The click shows at once (and the toggle waits) while the host is asked: CI's Playwright
    // saw a toggle that did not move when the answer took a tick longer.
    expect(toggle.checked).toBe(true);
    expect(toggle.disabled).toBe(true);
    await waitFor(() =>
      expect(screen.getByTestId<HTMLInputElement>('vm-autostart').disabled).toBe(false),
    );
    await waitFor(() =>
      expect(screen.getByTestId<HTMLInputElement>('vm-autostart').checked).toBe(true),
    );
    expect(fake.callsTo('vms:set-autostart')).toEqual([
      { hostId: vm.hostId, vmId: vm.id, autostart: true },
    ]);
    expect(fake.callsTo('vms:details')).toHaveLength(2);
  });

  it('marks a VM of no service HA through the core; a service VM says it is covered instead', async () => {
    let marks: string[] = [];
    const fake = new FakeBridge()
      .handle('vms:details', () => details())
      .handle('recovery:ha-marks', () => marks as never)
      .handle('recovery:set-ha', (req) => {
        marks = req.ha ? [req.vmId] : [];
        return marks as never;
      });
    const { unmount } = renderWithApi(<VmFullDetails vm={vm} hostName="hv1" hostConnected />, fake);
    const ha = await screen.findByTestId<HTMLInputElement>('vm-ha-switch');
    await waitFor(() => expect(ha.disabled).toBe(false));
    expect(ha.checked).toBe(false);
    expect(screen.getByTestId('vm-ha').textContent).toContain(
      'Restart on another host if this host fails',
    );
    expect(screen.getByTestId('vm-ha').textContent).toContain('disks local to its host cannot');
    fireEvent.click(ha);
    await waitFor(() =>
      expect(screen.getByTestId<HTMLInputElement>('vm-ha-switch').checked).toBe(true),
    );
    expect(fake.callsTo('recovery:set-ha')).toEqual([{ vmId: vm.id, ha: true }]);
    unmount();

    const inService = { ...vm, service: 'shop' as never, application: 'web' as never };
    renderWithApi(<VmFullDetails vm={inService} hostName="hv1" hostConnected />, fake);
    expect((await screen.findByTestId('vm-ha-service')).textContent).toContain(
      'it is part of a service',
    );
    expect(screen.queryByTestId('vm-ha-switch')).toBeNull();
  });

  it('says why autostart failed, naming the VM and the host, and the toggle stays as libvirt has it', async () => {
    const fake = new FakeBridge()
      .handle('vms:details', () => details())
      .handle('vms:set-autostart', () => {
        throw new AppError(
          'command-failed',
          "Couldn't turn on autostart of VM 'web-1' on hv1: cannot set autostart for transient domain",
        );
      });
    renderWithApi(<VmFullDetails vm={vm} hostName="hv1" hostConnected />, fake);
    fireEvent.click(await screen.findByTestId('vm-autostart'));
    expect((await screen.findByTestId('vm-autostart-error')).textContent).toContain(
      'cannot set autostart for transient domain',
    );
    await waitFor(() =>
      expect(screen.getByTestId<HTMLInputElement>('vm-autostart').checked).toBe(false),
    );
  });

  it('shows a failed read as an error naming the VM and host, and asks nothing of a host that is not connected', async () => {
    const fake = new FakeBridge().handle('vms:details', () => {
      throw new AppError('timeout', '`virsh dumpxml` on hv1 did not answer within 15 s');
    });
    const { unmount } = renderWithApi(<VmFullDetails vm={vm} hostName="hv1" hostConnected />, fake);
    expect((await screen.findByTestId('vm-details-error')).textContent).toContain(
      "Couldn't read the details of VM web-1 on host hv1",
    );
    unmount();
    const idle = new FakeBridge();
    renderWithApi(<VmFullDetails vm={vm} hostName="hv1" hostConnected={false} />, idle);
    expect(screen.getByText(/read when hv1 is connected/)).toBeTruthy();
    expect(idle.callsTo('vms:details')).toEqual([]);
  });
});
