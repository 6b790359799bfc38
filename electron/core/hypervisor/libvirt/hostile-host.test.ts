import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../../shared/errors';
import { HostId } from '../../../../shared/domain/ids';
import { DEFAULT_DRIVER_TIMEOUTS } from './driver-context';
import { watchEvents } from './libvirt-watch';
import { startHostileSshd, type HostileSshd } from '../../../testing/hostile-sshd';
import { watchProcess } from '../../../testing/process-watch';
import { SMALL_OUTPUT_BYTES } from '../../ssh/remote-shell';
import { METRICS_OUTPUT_BYTES, sampleLibvirtHost } from '../../metrics/libvirt-sample';
import { openSshSession } from '../../ssh/ssh-connect';
import type { SshSession } from '../../ssh/ssh-session';

const MiB = 1024 * 1024;
/** The machine is shared (2 cores, many test runs): a timer can be late for want of a core. */
const LOOP_BLOCK_LIMIT_MS = 1_000;

/**
 * A hostile host against the real session code over real SSH on loopback: 1 GiB on stdout for
 * `virsh domstats`, a 16 MiB line with no newline on the event stream. Before the limits this
 * process grew by 2.5 GiB and died (ERR_STRING_TOO_LONG), and the long line took 20 s of
 * quadratic splitting (bench/hostile-host.bench.ts prints both).
 */
describe('a hostile host', () => {
  let sshd: HostileSshd;
  let session: SshSession;

  beforeAll(async () => {
    sshd = await startHostileSshd({ floodBytes: 1024 * MiB, longLineBytes: 16 * MiB });
    session = await openSshSession({
      hostName: 'hv-hostile',
      hostId: 'h-hostile',
      address: '127.0.0.1',
      port: sshd.port,
      user: 'admin',
      keyPath: sshd.keyPath,
      trustedFingerprint: sshd.fingerprint,
    });
  }, 20_000);

  afterAll(async () => {
    await session?.close();
    sshd?.stop();
  });

  it('1 GiB of output: a typed error naming host and command, bounded memory, the link lives on', async () => {
    const watch = watchProcess();
    const error = await session
      .exec(['virsh', '-c', 'qemu:///system', 'domstats', '--raw'], { timeoutMs: 60_000 })
      .then(
        () => undefined,
        (thrown: unknown) => thrown,
      );
    const sent = Number((await sshd.next('flood-ended')).split(' ')[1]);
    const figures = watch.stop();
    console.log(
      `1 GiB flood: stopped after ${(sent / MiB).toFixed(0)} MiB sent, RSS +${figures.peakRssGrowthMiB.toFixed(0)} MiB, ` +
        `event loop late by up to ${figures.maxLoopDelayMs.toFixed(0)} ms`,
    );

    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      code: 'remote-output-too-large',
      hostId: 'h-hostile',
      retryable: false,
      message: expect.stringMatching(
        /^hv-hostile sent more than 64 MiB for `virsh domstats --raw`: the command was stopped/,
      ) as unknown,
    });
    // The host was stopped: it got to send the limit and what was in flight, not the gigabyte.
    expect(sent).toBeLessThan(128 * MiB);
    expect(figures.peakRssGrowthMiB).toBeLessThan(256);
    expect(figures.maxLoopDelayMs).toBeLessThan(LOOP_BLOCK_LIMIT_MS);

    const next = await session.exec(['true']);
    expect(next).toEqual({ code: 0, stdout: 'ok\n', stderr: '' });
  }, 30_000);

  it("a command's own limit: an action may print 1 MiB, and the link lives on after it too", async () => {
    const refused = session.exec(['virsh', 'start', 'domstats'], {
      maxOutputBytes: SMALL_OUTPUT_BYTES,
    });
    await expect(refused).rejects.toMatchObject({
      code: 'remote-output-too-large',
      message: expect.stringMatching(
        /^hv-hostile sent more than 1 MiB for `virsh start domstats`/,
      ) as unknown,
    });
    expect(Number((await sshd.next('flood-ended')).split(' ')[1])).toBeLessThan(16 * MiB);
    expect(await session.exec(['true'])).toMatchObject({ code: 0, stdout: 'ok\n' });
  }, 30_000);

  it('a metrics sample that floods: stopped at its 16 MiB cap with a typed error, the link lives on', async () => {
    const watch = watchProcess();
    const sampling = sampleLibvirtHost({
      shell: session,
      hostId: HostId.parse('h-hostile'),
      hostName: 'hv-hostile',
      uri: 'qemu:///system',
      timeouts: { ...DEFAULT_DRIVER_TIMEOUTS, queryMs: 60_000 },
    });
    await expect(sampling).rejects.toMatchObject({
      code: 'remote-output-too-large',
      hostId: 'h-hostile',
      message: expect.stringMatching(
        /^Couldn't sample the utilisation on hv-hostile: hv-hostile sent more than 16 MiB for `sh -c 'cat \/proc\/uptime; …'`: the command was stopped/,
      ) as unknown,
    });
    const sent = Number((await sshd.next('flood-ended')).split(' ')[1]);
    const figures = watch.stop();
    console.log(
      `metrics flood: stopped after ${(sent / MiB).toFixed(0)} MiB sent, RSS +${figures.peakRssGrowthMiB.toFixed(0)} MiB`,
    );
    expect(METRICS_OUTPUT_BYTES).toBe(16 * MiB);
    // Stopped near its own cap: what was in flight beyond it, not the gigabyte nor the 64 MiB default.
    expect(sent).toBeLessThan(48 * MiB);
    expect(figures.peakRssGrowthMiB).toBeLessThan(128);
    expect(await session.exec(['true'])).toMatchObject({ code: 0, stdout: 'ok\n' });
  }, 30_000);

  it('a 16 MiB line on the event stream is dropped with one log line; the events after it arrive', async () => {
    const warnings: string[] = [];
    let changes = 0;
    const broken: AppError[] = [];
    const watch = watchProcess();
    const started = performance.now();
    const changed = new Promise<void>((resolve) => {
      void watchEvents(
        {
          shell: session,
          hostId: HostId.parse('h-hostile'),
          hostName: 'hv-hostile',
          uri: 'qemu:///system',
          timeouts: DEFAULT_DRIVER_TIMEOUTS,
          warn: (message) => warnings.push(message),
        },
        {
          onChange: () => {
            changes += 1;
            resolve();
          },
          onBroken: (error) => broken.push(error),
          onDomain: () => undefined,
        },
      ).then((stop) => changed.finally(stop));
    });
    await changed;
    const tookMs = performance.now() - started;
    const figures = watch.stop();
    console.log(
      `16 MiB line: events after it in ${tookMs.toFixed(0)} ms, RSS +${figures.peakRssGrowthMiB.toFixed(0)} MiB, ` +
        `event loop late by up to ${figures.maxLoopDelayMs.toFixed(0)} ms`,
    );

    expect(changes).toBe(1);
    expect(broken).toEqual([]);
    expect(warnings).toEqual([
      'hv-hostile sent a line longer than 64 KiB on `virsh event --all`; it was dropped',
    ]);
    expect(tookMs).toBeLessThan(10_000); // was 20 s
    expect(figures.peakRssGrowthMiB).toBeLessThan(128);
    expect(figures.maxLoopDelayMs).toBeLessThan(LOOP_BLOCK_LIMIT_MS);
    expect(await session.exec(['true'])).toMatchObject({ code: 0, stdout: 'ok\n' });
  }, 30_000);
});
