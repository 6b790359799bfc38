import { DEFAULT_DEMO_FLEET, type DemoFleetOptions } from '../hypervisor/demo/demo-fleet';

/** The largest demo `--demo-size` makes: past 2,000 hosts the simulated world itself is the load. */
export const MAX_DEMO_HOSTS = 2000;
export const MAX_DEMO_VMS_PER_HOST = 50;

export type DemoSizeResult = { ok: true; fleet: DemoFleetOptions } | { ok: false; message: string };

/**
 * `--demo-size HOSTSxVMS` (1000x10: a thousand hosts of ten VMs each), for the web shell and the
 * window alike, so that a big fleet can be looked at without a lab. Bad text gets one sentence.
 */
export function parseDemoSize(text: string): DemoSizeResult {
  const match = /^\s*(\d{1,6})\s*[x×]\s*(\d{1,6})\s*$/i.exec(text);
  const hosts = Number(match?.[1]);
  const vmsPerHost = Number(match?.[2]);
  if (
    !match ||
    hosts < 1 ||
    hosts > MAX_DEMO_HOSTS ||
    vmsPerHost < 0 ||
    vmsPerHost > MAX_DEMO_VMS_PER_HOST
  ) {
    return {
      ok: false,
      message:
        `--demo-size wants hosts x VMs per host, like 1000x10 (1 to ${MAX_DEMO_HOSTS.toLocaleString('en')} ` +
        `hosts, 0 to ${MAX_DEMO_VMS_PER_HOST} VMs per host), not "${text}"`,
    };
  }
  return { ok: true, fleet: { hosts, vmsPerHost, seed: DEFAULT_DEMO_FLEET.seed } };
}

/**
 * The `--demo-size` value in an argument list (`--demo-size 1000x10` or `--demo-size=1000x10`),
 * for the window, whose arguments Electron and electron-vite share. Undefined when absent; a flag
 * without a value is a bad value.
 */
export function demoSizeArg(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--demo-size') return argv[i + 1] ?? '';
    if (arg.startsWith('--demo-size=')) return arg.slice('--demo-size='.length);
  }
  return undefined;
}

/**
 * For `npm start -- --demo-size 1000x10`: electron-vite takes the command line and hands Electron
 * only what follows its own `--`, so the flag is moved there (its value kept as typed).
 */
export function forwardDemoSize(argv: readonly string[]): string[] {
  const value = demoSizeArg(argv);
  if (value === undefined) return [...argv];
  const rest = argv.filter(
    (arg, i) =>
      arg !== '--demo-size' && !arg.startsWith('--demo-size=') && argv[i - 1] !== '--demo-size',
  );
  return rest.includes('--')
    ? [...rest, `--demo-size=${value}`]
    : [...rest, '--', `--demo-size=${value}`];
}
