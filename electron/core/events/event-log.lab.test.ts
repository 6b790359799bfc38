import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogEntry } from '../../../shared/domain/log';
import { createCore, type Core } from '../core';
import {
  defineGuest,
  labHost,
  qemuPidsOf,
  readLab,
  removeGuest,
  until,
  virshAsAsync,
} from '../../testing/lab-hosts';

// The whole core over the real SSH + libvirt link: VM changes made out of band on a lab host reach
// the event log, a killed QEMU as "crashed" within a second, each change once (event, then poll).
const lab = readLab();
const hv1 = labHost(lab, 1);
const name = `evlog-${process.pid}`;

let dataDir: string;
let core: Core;
let uuid: string | undefined;
const lines: { at: number; entry: LogEntry }[] = [];
const about = (kind: string): LogEntry[] =>
  lines.filter((l) => l.entry.vmName === name && l.entry.kind === kind).map((l) => l.entry);
const waitFor = (kind: string, count = 1): Promise<LogEntry> =>
  until(
    `${count} "${kind}" line(s) for ${name}`,
    () => (about(kind).length >= count ? about(kind).at(-1) : undefined),
    30_000,
  );

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'federator-event-log-lab-'));
  core = createCore({ dataDir, demoByDefault: false });
  core.events.on('log:appended', (entry) => {
    lines.push({ at: performance.now(), entry });
    console.log(performance.now().toFixed(0), entry.level, entry.message, entry.detail ?? '');
  });
  await core.start();
  // A short poll, so the backstop runs several times while we watch for a second line.
  await core.handlers['settings:update']({ pollSeconds: 2 });
  const added = await core.handlers['hosts:add']({
    name: 'hv1',
    address: hv1.address,
    port: hv1.port,
    user: hv1.user,
    uri: hv1.uri,
    labels: {},
    keyPath: lab.clientKey,
  });
  const host =
    added.state === 'host-key-unknown'
      ? await core.handlers['hosts:trust-key']({
          hostId: added.config.id,
          fingerprint: hv1.hostKeyFingerprint,
        })
      : added;
  expect(host.state).toBe('connected');
}, 60_000);

afterAll(async () => {
  if (uuid !== undefined) removeGuest(hv1, uuid);
  await core.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the event log against a lab host', () => {
  it('says a guest defined and started out of band, with its ids', async () => {
    uuid = defineGuest(hv1, name);
    const defined = await waitFor('defined');
    expect(defined).toMatchObject({ message: `hv1: ${name} defined`, category: 'vm' });
    await virshAsAsync(hv1, 'start', uuid);
    const started = await waitFor('started');
    expect(started).toMatchObject({
      level: 'info',
      message: `hv1: ${name} started`,
      vmId: uuid,
      hostName: 'hv1',
      seenBy: 'event',
    });
  }, 60_000);

  it('says "crashed" within a second of libvirt saying it, and once', async () => {
    expect(uuid).toBeDefined();
    // libvirt's own moment, from a second event stream of our own, out of band, with timestamps.
    const witness = spawn(
      'runuser',
      ['-u', hv1.user, '--', 'virsh', '-c', hv1.uri, 'event', '--all', '--loop', '--timestamp'],
      { cwd: '/', stdio: ['ignore', 'pipe', 'ignore'] },
    );
    let witnessed = '';
    witness.stdout.on('data', (chunk: Buffer) => (witnessed += chunk.toString()));
    await new Promise((resolve) => setTimeout(resolve, 1000)); // registered with libvirt
    const pids = await until('the guest QEMU', () => {
      const found = qemuPidsOf(hv1.user, uuid ?? '');
      return found.length === 1 ? found : undefined;
    });
    const before = lines.length;
    const killedAt = Date.now();
    process.kill(pids[0] ?? -1, 'SIGKILL');
    const crashed = await waitFor('crashed');
    const libvirtAt = await until('the witness stream to see it', () => {
      const stamp = new RegExp(
        `^(\\S+ \\S+): event 'lifecycle' for domain '${name}': Stopped Failed$`,
        'm',
      ).exec(witnessed)?.[1];
      return stamp === undefined
        ? undefined
        : Date.parse(stamp.replace(' ', 'T').replace(/(\d\d)(\d\d)$/, '$1:$2'));
    });
    witness.kill();
    const ours = crashed.at - libvirtAt;
    const total = crashed.at - killedAt;
    console.log(
      `event log: "${crashed.message}" ${total} ms after kill -9 of QEMU: libvirt said it after ${libvirtAt - killedAt} ms, the console ${ours} ms later`,
    );
    expect(lines.length).toBeGreaterThan(before);
    expect(crashed).toMatchObject({
      level: 'error',
      message: `hv1: ${name} crashed (its QEMU process ended)`,
      detail: 'libvirt: Stopped Failed',
      seenBy: 'event',
    });
    expect(ours).toBeLessThan(1000);
    // From the kill, not only from libvirt's word: the lab reaps QEMU at once (tini -s, as a
    // host's systemd would), so this is the admin's figure, kill to "crashed" in the log.
    expect(total).toBeLessThan(1000);
    // Three backstop polls later, still one line for the one crash.
    await new Promise((resolve) => setTimeout(resolve, 6_500));
    expect(about('crashed')).toHaveLength(1);
  }, 60_000);

  it('says a start and a forced off, then the undefine', async () => {
    await virshAsAsync(hv1, 'start', uuid ?? '');
    await waitFor('started', 2);
    await virshAsAsync(hv1, 'destroy', uuid ?? '');
    const destroyed = await waitFor('destroyed');
    expect(destroyed.message).toBe(`hv1: ${name} was forced off`);
    await virshAsAsync(hv1, 'undefine', uuid ?? '');
    await waitFor('undefined');
    uuid = undefined;
    await new Promise((resolve) => setTimeout(resolve, 4_500));
    const mine = lines.filter((l) => l.entry.vmName === name).map((l) => l.entry.message);
    expect(mine).toEqual([
      `hv1: ${name} defined`,
      `hv1: ${name} started`,
      `hv1: ${name} crashed (its QEMU process ended)`,
      `hv1: ${name} started`,
      `hv1: ${name} was forced off`,
      `hv1: ${name} undefined`,
    ]);
  }, 60_000);
});
