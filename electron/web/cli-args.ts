import { isAbsolute, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { DemoFleetOptions } from '../core/hypervisor/demo/demo-fleet';
import { parseDemoSize } from '../core/hosts/demo-size';

export type CliArgs =
  | {
      kind: 'run';
      port: number;
      portGiven: boolean;
      dataDir: string;
      demo: boolean;
      /** The demo fleet's size, when `--demo-size` gave one. */
      demoFleet?: DemoFleetOptions;
      /** No automatic fencing this long after start, when `--auto-recovery-grace` gave it. */
      autoRecoveryGraceMs?: number;
    }
  | { kind: 'help' }
  | { kind: 'error'; message: string };

/** A fixed default port, so that an SSH tunnel to a jump host can be written down once. */
export const DEFAULT_PORT = 7420;

export const USAGE = `Usage: npm run web -- [--port N] [--data-dir DIR] [--no-demo] [--demo-size HxV]
                       [--auto-recovery-grace S]

  --port N        listen on 127.0.0.1:N (default ${DEFAULT_PORT}, or a free port if it is taken;
                  0 picks a free port)
  --data-dir DIR  where the inventory lives (default $XDG_CONFIG_HOME/federator or
                  ~/.config/federator, the same folder as the desktop window)
  --no-demo       do not show the demo fleet when there are no hosts yet
  --demo-size HxV the demo fleet's size: H hosts of V VMs each (e.g. 1000x10; default 4x3)
  --auto-recovery-grace S
                  no host is fenced (nor its VMs restarted) automatically in the console's
                  first S seconds (default 300: it may not see every host yet)
`;

export function parseCliArgs(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  home: string,
  cwd: string,
): CliArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        port: { type: 'string' },
        'data-dir': { type: 'string' },
        'no-demo': { type: 'boolean' },
        'demo-size': { type: 'string' },
        'auto-recovery-grace': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return { kind: 'error', message: error instanceof Error ? error.message : String(error) };
  }
  if (values.help) return { kind: 'help' };
  const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535 || values.port?.trim() === '') {
    return {
      kind: 'error',
      message: `--port wants a port number (0 to 65535), not "${values.port}"`,
    };
  }
  const grace = values['auto-recovery-grace'];
  const graceSeconds = grace === undefined ? undefined : Number(grace);
  if (
    graceSeconds !== undefined &&
    (grace?.trim() === '' ||
      !Number.isInteger(graceSeconds) ||
      graceSeconds < 0 ||
      graceSeconds > 86_400)
  ) {
    return {
      kind: 'error',
      message: `--auto-recovery-grace wants whole seconds (0 to 86400), not "${grace}"`,
    };
  }
  const size = values['demo-size'] === undefined ? undefined : parseDemoSize(values['demo-size']);
  if (size && !size.ok) return { kind: 'error', message: size.message };
  // XDG says to ignore a relative XDG_CONFIG_HOME.
  const config =
    env.XDG_CONFIG_HOME && isAbsolute(env.XDG_CONFIG_HOME)
      ? env.XDG_CONFIG_HOME
      : join(home, '.config');
  return {
    kind: 'run',
    port,
    portGiven: values.port !== undefined,
    dataDir: resolve(cwd, values['data-dir'] ?? join(config, 'federator')),
    demo: !values['no-demo'],
    ...(size?.ok ? { demoFleet: size.fleet } : {}),
    ...(graceSeconds === undefined ? {} : { autoRecoveryGraceMs: graceSeconds * 1000 }),
  };
}
