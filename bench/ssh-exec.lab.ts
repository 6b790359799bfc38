/**
 * SSH exec latency on one long-lived ssh2 connection, Nagle on vs off, measured in the same run
 * (calls interleaved, so both see the same machine load). Needs the lab (`bash lab/lab.sh up`):
 *   npx tsx bench/ssh-exec.lab.ts [calls]
 */
import { fileURLToPath } from 'node:url';
import { openSshSession } from '../electron/core/ssh/ssh-connect';
import type { SshSession } from '../electron/core/ssh/ssh-session';
import { labIsUp, readLab } from '../lab/lab-description';
import { fmtMs, percentile } from './measure';

async function timeCalls(
  sessions: SshSession[],
  argv: string[],
  calls: number,
): Promise<number[][]> {
  const times = sessions.map(() => [] as number[]);
  for (let i = 0; i < calls; i++) {
    for (const [k, session] of sessions.entries()) {
      const t = performance.now();
      await session.exec(argv);
      times[k]?.push(performance.now() - t);
    }
  }
  return times;
}

export async function run(calls = 200): Promise<void> {
  if (!labIsUp()) {
    console.log('ssh-exec: skipped, the lab is not up (bash lab/lab.sh up)');
    return;
  }
  const lab = readLab(); // refuses a host not on loopback
  const host = lab.hosts[0];
  if (host === undefined) throw new Error('the lab has no host');
  const open = (noDelay: boolean): Promise<SshSession> =>
    openSshSession(
      {
        hostName: host.name,
        address: host.address,
        port: host.port,
        user: host.user,
        keyPath: lab.clientKey,
        trustedFingerprint: host.hostKeyFingerprint,
      },
      { noDelay },
    );
  const sessions = [await open(true), await open(false)];
  try {
    await timeCalls(sessions, ['true'], 10); // warm up both connections
    const rows: [string, string[], number][] = [
      ['true', ['true'], calls],
      [
        'virsh list --all',
        ['virsh', '-c', host.uri, 'list', '--all'],
        Math.max(10, Math.round(calls / 10)),
      ],
    ];
    console.log(
      `ssh-exec on ${host.name} (${host.address}), one ssh2 connection each, calls interleaved`,
    );
    for (const [label, argv, n] of rows) {
      const [on = [], off = []] = await timeCalls(sessions, argv, n);
      const line = (name: string, xs: number[]): string =>
        `  ${label.padEnd(17)} ${name.padEnd(12)} p50 ${fmtMs(percentile(xs, 0.5)).padStart(9)}  ` +
        `p99 ${fmtMs(percentile(xs, 0.99)).padStart(9)}  (${xs.length} calls)`;
      console.log(line('noDelay on', on));
      console.log(line('noDelay off', off));
    }
  } finally {
    await Promise.all(sessions.map((s) => s.close()));
  }
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  await run(Number(process.argv[2] ?? 200));
}
