import { describe, expect, it, vi } from 'vitest';
import { HostConfig } from '../../../shared/domain/host';
import type { HostLink, HostLinkListener } from './host-link';
import { createEventHub } from '../events/event-hub';
import { createEventLog } from '../events/event-log';
import { HostRegistry } from './host-registry';

const config = HostConfig.parse({
  id: 'hv1-abc123',
  name: 'hv1',
  address: '10.0.0.11',
  port: 22,
  user: 'admin',
  uri: 'qemu:///system',
  labels: {},
  driver: 'libvirt',
});

/** A link that reports nothing by itself; `close` resolves when the test says so. */
function manualLink(
  listener: HostLinkListener,
  close: () => Promise<void> = () => Promise.resolve(),
) {
  const link = {
    id: config.id,
    current: () => ({ host: { config, state: 'disconnected' as const }, vms: [] }),
    open: vi.fn(),
    trust: () => Promise.resolve(),
    reconnect: () => Promise.resolve(),
    disconnect: () => Promise.resolve(),
    act: () => Promise.resolve(),
    hypervisor: () => Promise.reject(new Error('not connected')),
    close: vi.fn(close),
    listener,
  } satisfies HostLink & { listener: HostLinkListener };
  return link;
}

const setup = () => {
  const hub = createEventHub((error) => {
    throw error;
  });
  const events: string[] = [];
  hub.on('hosts:changed', () => events.push('changed'));
  hub.on('hosts:removed', () => events.push('removed'));
  return { hosts: new HostRegistry(hub, createEventLog(hub, { capacity: 10 })), events };
};

describe('host registry', () => {
  it('does not bring back a host removed while its link was being replaced', async () => {
    const { hosts, events } = setup();
    let closed!: () => void;
    hosts.attach(config, (l) => manualLink(l, () => new Promise((done) => (closed = done))));
    let replacement: ReturnType<typeof manualLink> | undefined;
    const replacing = hosts.replaceLink(config.id, (l) => (replacement = manualLink(l)));
    const detaching = hosts.detach(config.id);
    closed();
    await expect(replacing).rejects.toMatchObject({ code: 'not-found' });
    await detaching;
    expect(events).toEqual(['changed', 'removed']);
    expect(replacement?.close).toHaveBeenCalled();
    expect(replacement?.open).not.toHaveBeenCalled();
  });

  it('wakes whoever waits for a host when every link is closed', async () => {
    const { hosts } = setup();
    hosts.attach(config, (l) => manualLink(l));
    const started = Date.now();
    const waiting = hosts.waitSettled(config.id, 0, 60_000);
    await hosts.closeAll();
    await expect(waiting).resolves.toMatchObject({ state: 'disconnected' });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('keeps a lost host fenced (the first power off and its time) across updates, until it is connected again', () => {
    const { hosts } = setup();
    let link!: ReturnType<typeof manualLink>;
    hosts.attach(config, (l) => (link = manualLink(l)));
    link.listener.host({ config, state: 'connected' });
    hosts.setFenced(config.id, { at: 1, poweredOff: true }); // connected: nothing to say
    expect(hosts.get(config.id)?.host.fenced).toBeUndefined();
    link.listener.host({ config, state: 'unreachable' });
    hosts.setFenced(config.id, { at: 10, poweredOff: false });
    expect(hosts.get(config.id)?.host.fenced).toEqual({ at: 10, poweredOff: false });
    hosts.setFenced(config.id, { at: 20, poweredOff: true });
    hosts.setFenced(config.id, { at: 30, poweredOff: true }); // read off again later: still 20
    hosts.setFenced(config.id, { at: 40, poweredOff: false });
    link.listener.host({ config, state: 'unreachable', stateDetail: 'next attempt in 5 s' });
    expect(hosts.get(config.id)?.host.fenced).toEqual({ at: 20, poweredOff: true });
    link.listener.host({ config, state: 'connected' });
    expect(hosts.get(config.id)?.host.fenced).toBeUndefined();
    link.listener.host({ config, state: 'unreachable' });
    expect(hosts.get(config.id)?.host.fenced).toBeUndefined(); // lost again: not fenced again yet
  });
});
