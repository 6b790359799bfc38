import { afterEach, describe, expect, it } from 'vitest';
import type { Host } from '../../../shared/domain/host';
import type { Vm } from '../../../shared/domain/vm';
import type { HostLink } from './host-link';
import { createDemoFleet, DEFAULT_DEMO_FLEET } from '../hypervisor/demo/demo-fleet';
import { createDemoHostLink } from './demo-link-ports';
import { DemoWorld } from '../hypervisor/demo/demo-world';

let world: DemoWorld;
let links: HostLink[] = [];
afterEach(async () => {
  await Promise.all(links.map((link) => link.close()));
  links = [];
  world.stop();
});

function openLink(index: number, tickMs = 60_000) {
  const specs = createDemoFleet(DEFAULT_DEMO_FLEET);
  world = new DemoWorld(specs, { tickMs, shutdownMs: 20 });
  const config = specs[index]!.config;
  const hosts: Host[] = [];
  const vmLists: (readonly Vm[])[] = [];
  const logs: string[] = [];
  const link = createDemoHostLink(
    world,
    config,
    {
      host: (h) => hosts.push(h),
      vms: (v) => vmLists.push(v),
      log: (entry) => logs.push(`${entry.level}: ${entry.message}`),
    },
    { connectDelayMs: 5, timing: { backoffMinMs: 20, backoffMaxMs: 80, factsEveryMs: tickMs } },
  );
  links.push(link);
  link.open();
  return { link, hosts, vmLists, logs, config };
}

const until = async (check: () => boolean): Promise<void> => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((done) => setTimeout(done, 5));
  expect(check()).toBe(true);
};

describe('demo host, through the host link machine', () => {
  it('connects, then reports the host and its VMs', async () => {
    const { link, hosts, vmLists } = openLink(0);
    expect(hosts[0]?.state).toBe('connecting');
    await until(() => link.current().host.state === 'connected');
    expect(link.current().host.facts?.value.virtualLayer.status).toBe('ok');
    expect(vmLists.at(-1)).toHaveLength(3);
    expect(link.current().host.trustedFingerprint).toBeUndefined(); // no host key to trust
    await expect(link.trust('SHA256:anything')).rejects.toMatchObject({ code: 'conflict' });
  });

  it('shows the troubled host as a hypervisor problem, in words, and acts on none of its VMs', async () => {
    const { link } = openLink(3);
    await until(() => link.current().host.state === 'hypervisor-problem');
    expect(link.current().host.stateDetail).toMatch(/virtqemud is not answering/);
    const vm = world.host(link.id).vms[0]!;
    await expect(link.act(vm.id, 'start')).rejects.toMatchObject({
      code: 'unreachable',
      message: expect.stringMatching(/hypervisor has a problem$/) as unknown,
    });
    await expect(link.hypervisor()).rejects.toMatchObject({ code: 'unreachable' });
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

  it('a host off the network goes unreachable, is retried with backoff, and comes back', async () => {
    const { link, hosts, logs, config } = openLink(0);
    await until(() => link.current().host.state === 'connected');
    world.setReachable(config.id, false);
    expect(link.current().host.state).toBe('unreachable');
    expect(link.current().host.stateDetail).toMatch(
      /^demo-hv01 \(hv01\.demo\.invalid:22\) stopped answering\. Next attempt in 0\.\d s$/,
    );
    expect(link.current().host.problem).toMatchObject({ code: 'unreachable' });
    await until(() => hosts.filter((h) => h.state === 'connecting').length >= 3); // retried
    expect(logs.filter((l) => l.startsWith('warning'))).toHaveLength(1); // one line per outage
    world.setReachable(config.id, true);
    await until(() => link.current().host.state === 'connected');
    expect(logs.at(-1)).toBe('info: Reconnected to demo-hv01');
  });

  it('reports a VM list only when it changed in value, not when it is a new but equal list', async () => {
    const { link, vmLists } = openLink(0);
    await until(() => link.current().host.state === 'connected');
    const lists = vmLists.length;
    const host = world.host(link.id);
    world.setVms(
      host,
      host.vms.map((vm) => ({ ...vm })),
    ); // same VMs, new objects
    await new Promise((done) => setTimeout(done, 50));
    expect(vmLists).toHaveLength(lists);
    world.setVms(host, host.vms.slice(1));
    await until(() => vmLists.length === lists + 1);
    expect(vmLists.at(-1)).toHaveLength(2);
  });

  it('lives: load moves without anyone asking', async () => {
    const { link, hosts } = openLink(0, 10);
    await until(() => link.current().host.state === 'connected');
    const loads = new Set(hosts.map((h) => h.facts?.value.os.load[0]));
    await until(() => new Set(hosts.map((h) => h.facts?.value.os.load[0])).size > loads.size + 1);
  });
});
