import { bmcEndpoint, type PowerReading, type PowerSettings } from '../../../shared/domain/power';
import type { HostId } from '../../../shared/domain/ids';

/** What the console asks a BMC: its chassis power state, or to switch it. */
export type PowerAction = 'status' | 'off' | 'on';

/**
 * ipmitool's own patience: `-N 2 -R 1` gives up on a silent BMC after about 4 s (measured here:
 * -N 1 -R 1 took 2.1 s, -N 2 -R 1 4.1 s, the default retries 20 s), under the caller's 5 s.
 */
export const IPMITOOL_DEADLINE_MS = 5_000;
/** When ipmitool itself gives up on a silent BMC with the retries above. */
const IPMITOOL_GIVES_UP_S = 4;

/**
 * The command, without the password: `-E` makes ipmitool read it from IPMI_PASSWORD, so it never
 * appears on a command line (`ps` shows every process's arguments to every user). `-v` makes it
 * say why a session failed (a wrong password and a silent BMC print the same last line). `-C 3`:
 * the cipher suite every BMC offers, which spares a probe that warns on some.
 */
export function ipmitoolArgs(settings: PowerSettings, action: PowerAction): string[] {
  return [
    'ipmitool',
    '-v',
    '-I',
    'lanplus',
    '-C',
    '3',
    '-N',
    '2',
    '-R',
    '1',
    '-H',
    settings.address,
    '-p',
    String(settings.port),
    '-U',
    settings.user,
    '-E',
    'chassis',
    'power',
    action,
  ];
}

export interface IpmitoolRun {
  /** Exit code; null when it was killed (the deadline passed). */
  code: number | null;
  stdout: string;
  stderr: string;
  /** The command could not be started at all: ipmitool is not installed there. */
  missing?: boolean;
  /** It was stopped at the deadline. */
  timedOut?: boolean;
}

const NOISE = /^(Loading IANA PEN Registry|Running Get PICMG|Discovered|Running Get VSO)/;

/** Read ipmitool's answer into a reading: the state, or why there is none, as data. */
export function readIpmitool(
  run: IpmitoolRun,
  settings: PowerSettings,
  action: PowerAction,
  peer?: HostId,
): PowerReading {
  const at = bmcEndpoint(settings);
  const out = `${run.stdout}\n${run.stderr}`;
  if (run.missing === true || run.code === 127 || /ipmitool: (command )?not found/.test(out)) {
    return { ok: false, failure: { code: 'ipmitool-missing', ...(peer ? { peer } : {}) } };
  }
  if (run.timedOut === true) {
    return { ok: false, failure: { code: 'no-answer', at, seconds: IPMITOOL_DEADLINE_MS / 1000 } };
  }
  if (run.code === 0) {
    const state = /Chassis Power is (on|off)/.exec(run.stdout)?.[1];
    if (action === 'status' && (state === 'on' || state === 'off')) return { ok: true, state };
    if (action === 'off' && /Chassis Power Control: Down\/Off/.test(run.stdout)) {
      return { ok: true, state: 'off' };
    }
    if (action === 'on' && /Chassis Power Control: Up\/On/.test(run.stdout)) {
      return { ok: true, state: 'on' };
    }
  }
  if (/RAKP 2 HMAC is invalid|invalid integrity check value/i.test(out)) {
    return { ok: false, failure: { code: 'wrong-password', at, user: settings.user } };
  }
  if (/unauthorized name|invalid name/i.test(out)) {
    return { ok: false, failure: { code: 'unknown-user', at, user: settings.user } };
  }
  if (
    /Get Auth Capabilities error|Error issuing Get Channel Authentication|No response/i.test(out)
  ) {
    return { ok: false, failure: { code: 'no-answer', at, seconds: IPMITOOL_GIVES_UP_S } };
  }
  const said =
    out
      .split('\n')
      .map((line) => line.trim())
      .find((line) => line !== '' && !NOISE.test(line)) ?? `exit status ${String(run.code)}`;
  return { ok: false, failure: { code: 'unexpected-answer', at, said: said.slice(0, 200) } };
}
