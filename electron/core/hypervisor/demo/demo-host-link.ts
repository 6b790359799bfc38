import type { VmAction } from '../../../../shared/contract/requests';
import type { Host, HostConfig, HostFacts } from '../../../../shared/domain/host';
import type { VmId } from '../../../../shared/domain/ids';
import type { Vm } from '../../../../shared/domain/vm';
import { AppError } from '../../../../shared/errors';
import type { HostLink, HostLinkListener } from '../../hosts/host-link';
import { refreshingOperations } from '../../hosts/refreshing-operations';
import type { HypervisorDriver } from '../hypervisor-driver';
import { hostUnusable } from '../../../../shared/words';

/**
 * A host link over a demo driver: the same states and events as a real link (connecting, then
 * connected or hypervisor-problem; disconnect and reconnect), minus SSH and host keys.
 */
export function createDemoHostLink(
  config: HostConfig,
  driver: HypervisorDriver,
  listener: HostLinkListener,
  options: { connectDelayMs?: number } = {},
): HostLink {
  let host: Host = { config, state: 'disconnected' };
  let vms: readonly Vm[] = [];
  let lastFacts: HostFacts | undefined;
  // Bumped by every disconnect/reconnect/close: an older connect attempt finding it changed gives up.
  let generation = 0;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  let unwatch: (() => void) | undefined;

  const publish = (next: Omit<Host, 'config'>): void => {
    host = { config, ...next };
    listener.host(host);
  };
  const stop = (): void => {
    generation++;
    clearTimeout(timer);
    unwatch?.();
    unwatch = undefined;
  };
  const refresh = async (attempt: number): Promise<void> => {
    const [facts, list] = await Promise.all([driver.facts(), driver.listVms()]);
    if (attempt !== generation) return;
    if (facts !== lastFacts || host.state === 'connecting') {
      lastFacts = facts;
      const ok = facts.virtualLayer.status === 'ok';
      const problem = facts.virtualLayer.problem ?? 'the hypervisor is not answering';
      publish({
        state: ok ? 'connected' : 'hypervisor-problem',
        ...(ok
          ? {}
          : {
              stateDetail: problem,
              problem: { code: 'hypervisor-missing', message: problem },
            }),
        facts: { value: facts, at: Date.now() },
        lastSeen: Date.now(),
      });
    }
    if (list.length !== vms.length || list.some((vm, i) => vm !== vms[i])) {
      vms = list;
      listener.vms(vms);
    }
  };
  const connect = (): void => {
    stop();
    const attempt = generation;
    publish({ state: 'connecting', ...lastSeenOf(host) });
    timer = setTimeout(() => {
      void (async () => {
        await refresh(attempt);
        const off = await driver.watch({
          onChange: () => void refresh(attempt),
          onBroken: (error) => listener.log({ level: 'warning', message: error.message }),
        });
        if (attempt === generation) unwatch = off;
        else off();
      })().catch((error: unknown) =>
        listener.log({ level: 'error', message: AppError.from(error).message }),
      );
    }, options.connectDelayMs ?? 300);
    timer.unref();
  };

  return {
    id: config.id,
    current: () => ({ host, vms }),
    open() {
      if (!closed && host.state === 'disconnected') connect();
    },
    trust: () => Promise.resolve(), // a simulated host has no key to trust
    reconnect() {
      if (!closed) connect();
      return Promise.resolve();
    },
    disconnect() {
      stop();
      if (!closed)
        publish({
          state: 'disconnected',
          stateDetail: 'Disconnected by the admin',
          ...lastSeenOf(host),
        });
      return Promise.resolve();
    },
    act(vmId: VmId, action: VmAction) {
      if (host.state !== 'connected' && host.state !== 'hypervisor-problem') {
        return Promise.reject(
          new AppError('unreachable', hostUnusable('the host', host.state), { hostId: config.id }),
        );
      }
      return driver.act(vmId, action);
    },
    hypervisor() {
      if (host.state !== 'connected') {
        const why = host.stateDetail === undefined ? '' : `: ${host.stateDetail}`;
        return Promise.reject(
          new AppError('unreachable', `${hostUnusable(config.name, host.state)}${why}`, {
            hostId: config.id,
          }),
        );
      }
      const attempt = generation;
      // After each operation, re-list now (the world's watchers do too; this one is for certain).
      return Promise.resolve(
        refreshingOperations(
          driver,
          () => void refresh(attempt).catch(() => undefined),
          async () => {
            await refresh(generation);
            return vms;
          },
        ),
      );
    },
    close() {
      stop();
      closed = true;
      return Promise.resolve();
    },
  };
}

function lastSeenOf(host: Host): Pick<Host, 'facts' | 'lastSeen'> {
  return {
    ...(host.facts === undefined ? {} : { facts: host.facts }),
    ...(host.lastSeen === undefined ? {} : { lastSeen: host.lastSeen }),
  };
}
