import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { VmId } from '../../../shared/domain/ids';
import type { HostLink } from './host-link';
import {
  defineGuest,
  hostConfig,
  labHost,
  labSh,
  memoryKeys,
  outOfBandList,
  readLab,
  recorder,
  removeGuest,
  until,
  virshAs,
  virshAsAsync,
  type LabHost,
  type Recorder,
} from '../../testing/lab-hosts';
import { createLibvirtHostLink } from './libvirt-host-link';
import type { LinkTiming } from './link-timing';

const lab = readLab();
const hv1 = labHost(lab, 1);
const hv3 = labHost(lab, 3); // sshd faults go to hv3
const tag = `${process.pid}`;
const links: HostLink[] = [];
const guests: { host: LabHost; uuid: string }[] = [];

interface Started {
  link: HostLink;
  rec: Recorder;
}

/** A link whose host key is already trusted (the lab's original key), opened. */
function connect(
  host: LabHost,
  timing: Partial<LinkTiming> = {},
  keyPath = lab.clientKey,
  passphrase?: string,
): Started {
  const rec = recorder();
  const link = createLibvirtHostLink(hostConfig(host, keyPath), {
    trustedKeys: memoryKeys({ [`lab-${host.name}`]: host.originalHostKeyFingerprint }),
    listener: rec.listener,
    timing: { backoffMinMs: 200, backoffMaxMs: 1_000, ...timing },
    ...(passphrase === undefined ? {} : { passphrase }),
  });
  links.push(link);
  link.open();
  return { link, rec };
}

function guest(
  host: LabHost,
  name: string,
  tags?: { application: string; service: string },
): string {
  const uuid = defineGuest(host, name, tags);
  guests.push({ host, uuid });
  return uuid;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function resources(): string[] {
  return process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap' || r === 'Timeout');
}

afterEach(async () => {
  await Promise.all(links.splice(0).map((l) => l.close()));
});

afterAll(() => {
  for (const { host, uuid } of guests) removeGuest(host, uuid);
});

describe('libvirt host link against the lab', () => {
  it('trusts on first use, then reads facts and the VM list as virsh sees them', async () => {
    const tagged = guest(hv1, `fed-tagged-${tag}`, { application: 'web', service: 'shop' });
    const rec = recorder();
    const keys = memoryKeys();
    const link = createLibvirtHostLink(hostConfig(hv1, lab.clientKey), {
      trustedKeys: keys,
      listener: rec.listener,
    });
    links.push(link);
    link.open();
    const waiting = await rec.host((h) => h.state === 'host-key-unknown');
    expect(waiting.presentedFingerprint).toBe(hv1.hostKeyFingerprint);
    // The lab's sshd has an ed25519 host key only: named as OpenSSH names it in its prompt.
    expect(waiting.presentedKeyType).toBe('ED25519');
    expect(waiting.problem).toMatchObject({ code: 'host-key-unknown' });
    await expect(link.trust('SHA256:not-the-one')).rejects.toMatchObject({ code: 'conflict' });
    await link.trust(hv1.hostKeyFingerprint);
    expect(keys.map.get('lab-hv1')).toEqual({
      fingerprint: hv1.hostKeyFingerprint,
      keyType: 'ED25519',
    });
    const host = await rec.host((h) => h.state === 'connected');
    expect(host).toMatchObject({ trustedKeyType: 'ED25519' });
    expect(host.problem).toBeUndefined();

    const facts = host.facts?.value;
    expect(facts?.os.kernel).toBe(execFileSync('uname', ['-r'], { encoding: 'utf8' }).trim());
    expect(facts?.os.name).toMatch(/^Debian GNU\/Linux/);
    expect(facts?.os.uptimeSeconds).toBeGreaterThan(0);
    expect(facts?.cpu.cores).toBe(cpus().length);
    expect(facts?.cpu.model).not.toBe('unknown');
    expect(facts?.memoryMiB).toBe(Math.round(totalmem() / 1024 / 1024));
    const version = virshAs(hv1, 'version');
    expect(facts?.virtualLayer).toMatchObject({
      status: 'ok',
      kind: 'qemu',
      uri: 'qemu:///session',
      liveMigration: true,
    });
    expect(version).toContain(
      `Using library: libvirt ${facts?.virtualLayer.libvirtVersion ?? '?'}`,
    );
    expect(version).toContain(
      `Running hypervisor: ${facts?.virtualLayer.hypervisorVersion ?? '?'}`,
    );
    expect(host.lastSeen).toBeGreaterThan(Date.now() - 60_000);

    // Other suites may change guests meanwhile: the link follows events, so it must catch up.
    const ours = (): string =>
      JSON.stringify(
        link
          .current()
          .vms.map((vm) => [vm.id as string, vm.name])
          .sort(),
      );
    const theirs = (): string => JSON.stringify([...outOfBandList(hv1)].sort());
    await expect.poll(() => ours() === theirs(), { timeout: 10_000 }).toBe(true);
    const vm = link.current().vms.find((v) => v.id === tagged);
    expect(vm).toMatchObject({
      name: `fed-tagged-${tag}`,
      state: 'shutoff',
      application: 'web',
      service: 'shop',
      persistent: true,
      vcpus: 1,
      memoryMiB: 64,
    });
  });

  it('sees a VM started and destroyed out of band through the event stream, not the poll', async () => {
    const { link, rec } = connect(hv1, { pollMs: 120_000 });
    await rec.host((h) => h.state === 'connected');
    const name = `fed-events-${tag}`;
    const before = performance.now();
    const uuid = guest(hv1, name);
    await rec.vmsAfter(before, (vms) => vms.some((v) => v.id === uuid && v.state === 'shutoff'));

    const stateOf = (state: string) => (vms: readonly { id: string; state: string }[]) =>
      vms.some((v) => v.id === uuid && v.state === state);
    for (const [verb, state] of [
      ['start', 'running'],
      ['destroy', 'shutoff'],
    ] as const) {
      const issued = performance.now();
      await virshAsAsync(hv1, verb, uuid);
      const returned = performance.now();
      const seen = await rec.vmsAfter(issued, stateOf(state), 10_000);
      const sinceReturn = seen - returned;
      console.log(
        `event latency (${verb}): vms() ${Math.abs(sinceReturn).toFixed(1)} ms ` +
          `${sinceReturn >= 0 ? 'after' : 'before'} virsh returned (${(seen - issued).toFixed(1)} ms after issuing it)`,
      );
      expect(seen - issued).toBeLessThan(3_000); // the poll would take 120 s
    }
    expect(link.current().host.state).toBe('connected');
  });

  it('lists, starts and destroys a guest with a hostile name, and runs none of it', async () => {
    const hostile = `it's a "$(cd;cd ..;cd ..;cd tmp;touch federator-pwned)" \`touch federator-pwned\` vm ${tag}`;
    const pwned = ['/tmp/federator-pwned', join(hv1.home, 'federator-pwned')];
    for (const file of pwned) expect(existsSync(file)).toBe(false);
    const uuid = guest(hv1, hostile) as VmId;
    const { link, rec } = connect(hv1);
    await rec.host((h) => h.state === 'connected');
    expect(link.current().vms.find((v) => v.id === uuid)?.name).toBe(hostile);

    await link.act(uuid, 'start');
    expect(virshAs(hv1, 'domstate', uuid).trim()).toBe('running');
    await rec.vmsAfter(0, (vms) => vms.some((v) => v.id === uuid && v.state === 'running'));
    await expect(link.act(uuid, 'start')).rejects.toThrow(
      new RegExp(`^Couldn't start VM '${escapeRegExp(hostile)}' on hv1: .*already active`, 'i'),
    );
    await link.act(uuid, 'destroy');
    expect(virshAs(hv1, 'domstate', uuid).trim()).toBe('shut off');
    for (const file of pwned) expect(existsSync(file)).toBe(false);
  });

  it('goes unreachable when sshd dies and comes back by itself when it returns', async () => {
    const { link, rec } = connect(hv3, { keepaliveMs: 1_000, keepaliveCount: 2 });
    await rec.host((h) => h.state === 'connected');
    const connectedReports = (): number =>
      rec.hosts.filter((r) => r.host.state === 'connected').length;
    const before = connectedReports();
    labSh('sshd-stop', '3');
    try {
      const down = await rec.host((h) => h.state === 'unreachable');
      expect(down.stateDetail).toMatch(/hv3|127\.0\.0\.13/);
      expect(down.stateDetail).toMatch(/Next attempt in/);
      expect(down.lastSeen).toBeDefined();
    } finally {
      labSh('sshd-start', '3');
    }
    await expect.poll(connectedReports, { timeout: 20_000 }).toBeGreaterThan(before);
    expect(link.current().host.state).toBe('connected');
    expect(rec.logs).toContain('info: Reconnected to hv3');
  });

  it('declares a silent host unreachable by keepalive, and reconnects once it answers', async () => {
    const { link, rec } = connect(hv3, {
      keepaliveMs: 500,
      keepaliveCount: 2,
      readyTimeoutMs: 2_000,
    });
    await rec.host((h) => h.state === 'connected');
    // Drop what we send to hv3's sshd: the TCP connection stays open but nothing answers.
    const table = `federator_test_${process.pid}`;
    const rules = `table inet ${table} { chain out { type filter hook output priority 0; ip daddr ${hv3.address} tcp dport ${hv3.port} drop; }; }`;
    execFileSync('nft', ['-f', '-'], { input: rules });
    const silencedAt = performance.now();
    try {
      const down = await rec.host((h) => h.state === 'unreachable', 15_000);
      const after = performance.now() - silencedAt;
      console.log(
        `silent host declared unreachable after ${after.toFixed(0)} ms (keepalive 500 ms × 2)`,
      );
      expect(down.stateDetail).toMatch(/stopped answering \(nothing heard for /);
    } finally {
      execFileSync('nft', ['delete', 'table', 'inet', table]);
    }
    const back = rec.hosts.length;
    await until(
      'connected again',
      () => rec.hosts.slice(back).find((r) => r.host.state === 'connected'),
      20_000,
    );
    expect(link.current().host.state).toBe('connected');
  });

  it('refuses a key the host does not accept, and does not retry', async () => {
    const { link, rec } = connect(hv1, {}, lab.wrongKey);
    const host = await rec.host((h) => h.state === 'auth-failed');
    expect(host.stateDetail).toContain('refused our key for user hv1');
    // Refused by the server: no passphrase would help, and the window must not offer one.
    expect(host.problem).toMatchObject({ code: 'auth-failed' });
    expect(host.problem?.passphrase).toBeUndefined();
    await new Promise((r) => setTimeout(r, 1_500));
    expect(rec.hosts.at(-1)?.host.state).toBe('auth-failed');
    expect(link.current().host.state).toBe('auth-failed');
  });

  it('connects with a passphrase-protected key and its passphrase, and says why not without it', async () => {
    const withIt = connect(hv1, {}, lab.passphraseKey, lab.passphrase);
    const up = await withIt.rec.host((h) => h.state === 'connected');
    expect(up.problem).toBeUndefined();
    const without = connect(hv1, {}, lab.passphraseKey);
    const refused = await without.rec.host((h) => h.state === 'auth-failed');
    expect(refused.stateDetail).toContain('protected by a passphrase and none was given');
    expect(refused.problem).toMatchObject({ code: 'key-file', passphrase: 'missing' });
    const wrong = connect(hv1, {}, lab.passphraseKey, 'not-the-passphrase');
    const refusedAgain = await wrong.rec.host((h) => h.state === 'auth-failed');
    expect(refusedAgain.problem).toMatchObject({ code: 'key-file', passphrase: 'wrong' });
  });

  it('refuses a rotated host key and never connects', async () => {
    const { link, rec } = connect(hv3);
    await rec.host((h) => h.state === 'connected');
    labSh('rotate-hostkey', '3');
    try {
      await link.reconnect();
      const changed = await rec.host((h) => h.state === 'host-key-changed');
      expect(changed.trustedFingerprint).toBe(hv3.originalHostKeyFingerprint);
      expect(changed.presentedFingerprint).not.toBe(hv3.originalHostKeyFingerprint);
      expect(changed.presentedKeyType).toBe('ED25519'); // lab.sh rotates to a new ed25519 key
      expect(changed.problem).toMatchObject({ code: 'host-key-changed' });
      expect(changed.stateDetail).toContain('REMOTE HOST IDENTIFICATION HAS CHANGED');
      await new Promise((r) => setTimeout(r, 1_500));
      expect(link.current().host.state).toBe('host-key-changed');
      expect(link.current().vms.length).toBeGreaterThan(0); // the last known list stays visible
    } finally {
      labSh('restore-hostkey', '3');
    }
  });

  it('leaves no socket or timer behind after disconnect and close', async () => {
    const baseline = resources().length;
    const { link, rec } = connect(hv1, { pollMs: 200 });
    await rec.host((h) => h.state === 'connected');
    expect(resources().length).toBeGreaterThan(baseline);
    await link.disconnect();
    expect(link.current().host.state).toBe('disconnected');
    expect(resources().length).toBeLessThanOrEqual(baseline);
    await link.reconnect();
    await rec.host(
      (h) => h.state === 'connected' && rec.hosts.some((r) => r.host.state === 'disconnected'),
    );
    await link.close();
    expect(resources().length).toBeLessThanOrEqual(baseline);
  });
});
