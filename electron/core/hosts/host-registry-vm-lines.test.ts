import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ServiceId } from '../../../shared/domain/ids';
import type { LogEntry } from '../../../shared/domain/log';
import { host, vm } from '../../../shared/testing/service-fixtures';
import { createEventHub } from '../events/event-hub';
import { createEventLog } from '../events/event-log';
import type { HostLink, HostLinkListener } from './host-link';
import { HostRegistry } from './host-registry';

const hv1 = host('hv1');
const hv2 = host('hv2');

function setup() {
  const hub = createEventHub((error) => {
    throw error;
  });
  const lines: LogEntry[] = [];
  hub.on('log:appended', (entry) => lines.push(entry));
  const hosts = new HostRegistry(hub, createEventLog(hub));
  const listeners = new Map<string, HostLinkListener>();
  for (const { config } of [hv1, hv2]) {
    const name = config.name;
    hosts.attach(config, (listener) => {
      listeners.set(name, listener);
      return {
        id: config.id,
        current: () => ({ host: { config, state: 'disconnected' }, vms: [] }),
        open: () => undefined,
        trust: () => Promise.resolve(),
        reconnect: () => Promise.resolve(),
        disconnect: () => Promise.resolve(),
        act: () => Promise.resolve(),
        hypervisor: () => Promise.reject(new Error('not connected')),
        close: () => Promise.resolve(),
      } satisfies HostLink;
    });
  }
  const listener = (name: string): HostLinkListener => {
    const found = listeners.get(name);
    if (!found) throw new Error(name);
    return found;
  };
  return { lines, listener };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('VM lines in the host registry', () => {
  it('writes a VM change with the fields filters need: host, VM, service, kind', () => {
    const { lines, listener } = setup();
    const shop = 'shop' as ServiceId;
    listener('hv1').vms([vm('web-1', hv1, { service: shop })], 0);
    listener('hv1').lifecycle?.(
      { domain: 'web-1', phase: 'off', kind: 'crashed', reason: 'failed', said: 'Stopped Failed' },
      1,
    );
    expect(lines.at(-1)).toMatchObject({
      level: 'error',
      message: 'hv1: web-1 crashed (its QEMU process ended)',
      detail: 'libvirt: Stopped Failed',
      category: 'vm',
      kind: 'crashed',
      hostId: 'id-hv1',
      hostName: 'hv1',
      vmId: 'uuid-web-1',
      vmName: 'web-1',
      serviceId: 'shop',
      seenBy: 'event',
    });
  });

  it('calls a VM that left one host for another "migrated out", not gone', () => {
    const { lines, listener } = setup();
    listener('hv1').vms([vm('web-1', hv1)], 0);
    listener('hv2').vms([], 0);
    listener('hv2').vms([vm('web-1', hv2, { stateReason: 'migrated' })], 5);
    listener('hv1').vms([], 6);
    expect(lines.filter((l) => l.category === 'vm').map((l) => l.message)).toEqual([
      'hv2: web-1 migrated in',
      'hv1: web-1 migrated out',
    ]);
  });

  it('waits a moment for the target to list it, then says gone if none does', () => {
    vi.useFakeTimers();
    const { lines, listener } = setup();
    listener('hv1').vms([vm('web-1', hv1), vm('web-2', hv1)], 0);
    listener('hv2').vms([], 0);
    listener('hv1').vms([], 6);
    expect(lines.filter((l) => l.category === 'vm')).toEqual([]);
    listener('hv2').vms([vm('web-1', hv2, { stateReason: 'migrated' })], 7);
    vi.advanceTimersByTime(5_000);
    expect(lines.filter((l) => l.category === 'vm').map((l) => l.message)).toEqual([
      'hv2: web-1 migrated in',
      'hv1: web-1 migrated out',
      'hv1: web-2 is no longer on the host',
    ]);
  });
});
