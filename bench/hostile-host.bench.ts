/**
 * A hostile host against the real session code: a fake sshd (ssh2 Server on loopback, in a child
 * process) floods `virsh domstats` with 1 GiB and sends a 16 MiB line with no newline on the event
 * stream. Prints what the console's process went through: RSS growth, the longest event-loop
 * block, and whether the same connection still runs a command afterwards.
 *   npx tsx bench/hostile-host.bench.ts [floodMiB] [longLineMiB]
 *
 * Figures are printed, not asserted. On the shared 2-core machine (load average ~16), 1024 and 16:
 *   before (ce7c4a2, kept whole; splitter re-splitting its whole pending string per packet):
 *     16 MiB line   20.6 s until the next lines, event loop blocked up to 1265 ms, RSS +220 MiB
 *     1 GiB output  RSS +2552 MiB, then the process exited (ERR_STRING_TOO_LONG in 'close')
 *   after (64 MiB output limit, 64 KiB line limit, linear splitter):
 *     idle          event loop late by up to 5-26 ms
 *     16 MiB line   0.7-1.5 s until the next lines, late by up to 150-560 ms, RSS +16 MiB
 *     1 GiB output  rejected after 68 MiB sent (3.3 s), late by up to 160-290 ms, RSS +83 MiB
 *   A CPU profile of the "after" run shows no long task of ours: its longest non-idle stretches
 *   past start-up are the garbage collector (168 ms) and one of parse + GC (159 ms); the rest of
 *   the lateness is the machine's load (a busy process waits for a core).
 */
import { fileURLToPath } from 'node:url';
import { startHostileSshd } from '../electron/testing/hostile-sshd';
import { watchProcess, type ProcessFigures } from '../electron/testing/process-watch';
import { openSshSession } from '../electron/core/ssh/ssh-connect';

const MiB = 1024 * 1024;

function show(label: string, figures: ProcessFigures, outcome: string): void {
  console.log(
    `  ${label.padEnd(26)} RSS +${figures.peakRssGrowthMiB.toFixed(0)} MiB, ` +
      `event loop blocked up to ${figures.maxLoopDelayMs.toFixed(0)} ms: ${outcome}`,
  );
}

export async function run(floodMiB = 1024, longLineMiB = 16): Promise<void> {
  const sshd = await startHostileSshd({
    floodBytes: floodMiB * MiB,
    longLineBytes: longLineMiB * MiB,
  });
  const session = await openSshSession(
    {
      hostName: 'hostile',
      address: '127.0.0.1',
      port: sshd.port,
      user: 'admin',
      keyPath: sshd.keyPath,
      trustedFingerprint: sshd.fingerprint,
    },
    { execTimeoutMs: 120_000 },
  );
  console.log(
    `hostile-host: ${floodMiB} MiB on stdout, a ${longLineMiB} MiB line on the event stream`,
  );
  try {
    // The same figures for a process doing nothing: on a busy machine a timer is late for want of
    // a core, and that lateness is no block of ours.
    let watch = watchProcess();
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    show('idle, 2 s', watch.stop(), 'nothing to do');
    watch = watchProcess();
    let started = performance.now();
    const lines: string[] = [];
    const stream = await session.stream(['virsh', 'event', '--all', '--loop'], {
      onLine: (line) => lines.push(line),
      onClose: () => undefined,
    });
    await sshd.next('long-line-sent');
    while (lines.length < 2 && performance.now() - started < 60_000) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    stream.close();
    const longest = Math.max(0, ...lines.map((line) => line.length));
    show(
      `${longLineMiB} MiB line`,
      watch.stop(),
      `${lines.length} lines, longest ${longest} chars, ${(performance.now() - started).toFixed(0)} ms`,
    );

    watch = watchProcess();
    started = performance.now();
    const current = watch;
    // Before the limits, the console died here: say what it went through on the way out.
    const onExit = (): void =>
      show(`${floodMiB} MiB of output`, current.stop(), 'the process exited');
    process.once('exit', onExit);
    const outcome = await session.exec(['virsh', 'domstats']).then(
      (result) => `resolved with ${result.stdout.length} chars`,
      (error: unknown) => `rejected: ${error instanceof Error ? error.message : String(error)}`,
    );
    process.off('exit', onExit);
    const sent = await sshd.next('flood-ended');
    show(
      `${floodMiB} MiB of output`,
      watch.stop(),
      `${outcome} (${sent}, ${(performance.now() - started).toFixed(0)} ms)`,
    );

    const next = await session.exec(['true']);
    console.log(
      `  next command on the same connection: exit ${next.code}, stdout ${JSON.stringify(next.stdout)}`,
    );
  } finally {
    await session.close();
    sshd.stop();
  }
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  await run(Number(process.argv[2] ?? 1024), Number(process.argv[3] ?? 16));
}
