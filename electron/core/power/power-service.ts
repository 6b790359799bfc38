import type { HostConfig } from '../../../shared/domain/host';
import type { HostId } from '../../../shared/domain/ids';
import type { PowerFailure, PowerReading, PowerSettings } from '../../../shared/domain/power';
import { powerActionWords } from '../../../shared/words/power-words';
import type { EventLog } from '../events/event-log';
import type { HostRegistry } from '../hosts/host-registry';
import type { SecretStore } from '../secrets/secret-store';
import { ipmitoolArgs, readIpmitool, type IpmitoolRun, type PowerAction } from './ipmitool';
import { runIpmitoolLocally } from './run-local';

/**
 * Fencing, as a service a recovery plan calls: read or switch a host's power through its BMC, by
 * the route its power management names. Every answer is a PowerReading (the state, or why there is
 * none, as data); only a bug throws. The password is read from the secret store for each call and
 * goes nowhere but to ipmitool's environment.
 */
export interface PowerService {
  powerState(hostId: HostId): Promise<PowerReading>;
  powerOff(hostId: HostId): Promise<PowerReading>;
  powerOn(hostId: HostId): Promise<PowerReading>;
  /** "Test power management": the state through settings not yet saved (password: the stored one if not given). */
  test(
    settings: PowerSettings,
    options: { hostId?: HostId; password?: string },
  ): Promise<PowerReading>;
  savePassword(hostId: HostId, password: string): Promise<void>;
  forgetPassword(hostId: HostId): Promise<void>;
}

export interface PowerDeps {
  hosts: Pick<HostRegistry, 'get'>;
  secrets: SecretStore;
  log: Pick<EventLog, 'append'>;
  /** The demo hosts' simulated BMCs: a reading for a demo host, undefined for any other. */
  demoPower?: (hostId: HostId, action: PowerAction) => PowerReading | undefined;
  /** ipmitool on the console's machine (tests pass a fake). */
  runLocal?: (argv: readonly string[], password: string) => Promise<IpmitoolRun>;
}

const secretKey = (hostId: HostId): string => `power:${hostId}`;
const failed = (failure: PowerFailure): PowerReading => ({ ok: false, failure });

export function createPowerService(deps: PowerDeps): PowerService {
  const runLocal = deps.runLocal ?? runIpmitoolLocally;
  const nameOf = (id: HostId): string => deps.hosts.get(id)?.config.name ?? id;

  const password = async (hostId: HostId): Promise<string | PowerFailure> => {
    const opened = await deps.secrets.get(secretKey(hostId));
    if (opened === undefined) return { code: 'no-password' };
    if (!opened.ok) {
      return {
        code: 'password-unreadable',
        ...(opened.sealedBy ? { sealedBy: opened.sealedBy } : {}),
      };
    }
    return opened.value;
  };

  const run = async (
    target: HostId | undefined,
    settings: PowerSettings,
    secret: string,
    action: PowerAction,
  ): Promise<PowerReading> => {
    const argv = ipmitoolArgs(settings, action);
    const route = settings.route;
    if (route.kind === 'console')
      return readIpmitool(await runLocal(argv, secret), settings, action);
    if (route.hostId === target) return failed({ code: 'peer-is-target' });
    const peer = deps.hosts.get(route.hostId);
    if (peer === undefined) return failed({ code: 'peer-unusable', peer: route.hostId });
    const ops = await peer.link.hypervisor().catch(() => undefined);
    if (ops?.runIpmitool === undefined) {
      return failed({ code: 'peer-unusable', peer: route.hostId, state: peer.host.state });
    }
    const result = await ops.runIpmitool(argv, secret).catch(() => undefined);
    if (result === undefined) {
      return failed({ code: 'peer-unusable', peer: route.hostId, state: peer.host.state });
    }
    return readIpmitool(result, settings, action, route.hostId);
  };

  const configured = async (hostId: HostId, action: PowerAction): Promise<PowerReading> => {
    const config: HostConfig | undefined = deps.hosts.get(hostId)?.config;
    if (config?.power === undefined) return failed({ code: 'not-configured' });
    const demo = config.driver === 'demo' ? deps.demoPower?.(hostId, action) : undefined;
    let reading: PowerReading;
    if (demo !== undefined) reading = demo;
    else {
      const secret = await password(hostId);
      if (typeof secret !== 'string') return failed(secret);
      reading = await run(hostId, config.power, secret, action);
    }
    if (action !== 'status') {
      deps.log.append({
        level: reading.ok ? 'info' : 'error',
        hostId,
        hostName: config.name,
        message: powerActionWords(config.name, action, config.power, reading, nameOf),
      });
    }
    return reading;
  };

  return {
    powerState: (hostId) => configured(hostId, 'status'),
    powerOff: (hostId) => configured(hostId, 'off'),
    powerOn: (hostId) => configured(hostId, 'on'),
    async test(settings, options) {
      const secret =
        options.password ??
        (options.hostId === undefined
          ? { code: 'no-password' as const }
          : await password(options.hostId));
      if (typeof secret !== 'string') return failed(secret);
      return run(options.hostId, settings, secret, 'status');
    },
    savePassword: (hostId, secret) => deps.secrets.set(secretKey(hostId), secret),
    forgetPassword: (hostId) => deps.secrets.remove(secretKey(hostId)),
  };
}
