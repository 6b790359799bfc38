import { afterEach, describe, expect, it } from 'vitest';
import type { Host } from '../../../../shared/domain/host';
import type { Vm } from '../../../../shared/domain/vm';
import type { HostLink } from '../../hosts/host-link';
import { createDemoDriver } from './demo-driver';
import { createDemoFleet, DEFAULT_DEMO_FLEET } from './demo-fleet';
import { createDemoHostLink } from './demo-host-link';
import { DemoWorld } from './demo-world';

let world: DemoWorld;
afterEach(() => world.stop());

function openLink(index: number, tickMs = 60_000) {
  const specs = createDemoFleet(DEFAULT_DEMO_FLEET);
  world = new DemoWorld(specs, { tickMs, shutdownMs: 20 });
  const config = specs[index]!.config;
  const hosts: Host[] = [];
  const vmLists: (readonly Vm[])[] = [];
  const link: HostLink = createDemoHostLink(
    config,
    createDemoDriver(world, config.id),
    { host: (h) => hosts.push(h), vms: (v) => vmLists.push(v), log: () => undefined },
    { connectDelayMs: 5 },
  );
  link.open();
  return { link, hosts, vmLists };
}

const until = async (check: () => boolean): Promise<void> => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((done) => setTimeout(done, 5));
  expect(check()).toBe(true);
};

describe('demo host link', () => {
  it('connects, then reports the host and its VMs', async () => {
    const { link, hosts, vmLists } = openLink(0);
    expect(hosts[0]?.state).toBe('connecting');
    await until(() => link.current().host.state === 'connected');
    expect(link.current().host.facts?.value.virtualLayer.status).toBe('ok');
    expect(vmLists.at(-1)).toHaveLength(3);
  });

  it('shows the troubled host as a hypervisor problem, in words', async () => {
    const { link } = openLink(3);
    await until(() => link.current().host.state === 'hypervisor-problem');
    expect(link.current().host.stateDetail).toMatch(/virtqemud is not answering/);
  });

  it('carries out VM actions and refuses the impossible ones as virsh would', async () => {
    const { link } = openLink(0);
    await until(() => link.current().host.state === 'connected');
    const running = link.current().vms.find((vm) => vm.state === 'running')!;
    await expect(link.act(running.id, 'start')).rejects.toMatchObject({ code: 'command-failed' });
    await link.act(running.id, 'shutdown');
    await until(
      () => link.current().vms.find((vm) => vm.id === running.id)?.state === 'shutting-down',
    );
    await until(() => link.current().vms.find((vm) => vm.id === running.id)?.state === 'shutoff');
    await link.act(running.id, 'start');
    await until(() => link.current().vms.find((vm) => vm.id === running.id)?.state === 'running');
  });

  it('resumes a paused VM, as virsh resume does, and refuses to resume one that is not paused', async () => {
    const { link } = openLink(0);
    await until(() => link.current().host.state === 'connected');
    const state = world.host(link.current().host.config.id);
    const [first, ...rest] = state.vms;
    world.setVms(state, [{ ...first!, state: 'paused', stateReason: 'user' }, ...rest]);
    await until(() => link.current().vms.find((vm) => vm.id === first!.id)?.state === 'paused');
    await link.act(first!.id, 'resume');
    await until(() => link.current().vms.find((vm) => vm.id === first!.id)?.state === 'running');
    await expect(link.act(first!.id, 'resume')).rejects.toMatchObject({
      code: 'command-failed',
      message: 'domain is not paused',
    });
  });

  it('stays disconnected until reconnect, and refuses actions meanwhile', async () => {
    const { link } = openLink(1);
    await until(() => link.current().host.state === 'connected');
    await link.disconnect();
    expect(link.current().host.state).toBe('disconnected');
    await expect(link.act(link.current().vms[0]!.id, 'reboot')).rejects.toMatchObject({
      code: 'unreachable',
    });
    await link.reconnect();
    await until(() => link.current().host.state === 'connected');
  });

  it('lives: load moves without anyone asking', async () => {
    const { link, hosts } = openLink(0, 10);
    await until(() => link.current().host.state === 'connected');
    const before = hosts.length;
    await until(() => hosts.length > before + 2);
    await link.close();
  });
});
