import { randomUUID } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationId, HostId, ServiceId, VmId } from '../../../../shared/domain/ids';
import type { AppError } from '../../../../shared/errors';
import {
  guestXml,
  labHost,
  labSh,
  labSshTarget,
  outOfBandList,
  qemuPidsOf,
  readLab,
  removeGuest,
  virshAs,
  type LabHost,
} from '../../../testing/lab-hosts';
import { openSshSession } from '../../ssh/ssh-connect';
import type { SshSession } from '../../ssh/ssh-session';
import type { HypervisorDriver, MigrationTarget, PathProbe } from '../hypervisor-driver';
import { createLibvirtDriver } from './libvirt-driver';
import { parseDomainXml } from './parse-domain-xml';

const lab = readLab();
const hv1 = labHost(lab, 1);
const hv2 = labHost(lab, 2);
const sessions: SshSession[] = [];
const PREFIX = 't-ops-';
/** libvirt refuses '/' in names, so the injected command touches a file in the shell's directory
 * (the SSH user's home). */
const CANARY_NAME = 't-ops-pwned';
const CANARY = `${hv1.home}/${CANARY_NAME}`;
const tags = (application: string, service: string) => ({
  application: application as ApplicationId,
  service: service as ServiceId,
});

async function driverFor(host: LabHost): Promise<HypervisorDriver> {
  const session = await openSshSession(labSshTarget(lab, host));
  sessions.push(session);
  return createLibvirtDriver({
    shell: session,
    hostId: `lab-${host.name}` as HostId,
    hostName: host.name,
    user: host.user,
    uri: host.uri,
  });
}

function targetOf(host: LabHost, change: Partial<MigrationTarget> = {}): MigrationTarget {
  return {
    hostId: `lab-${host.name}` as HostId,
    hostName: host.name,
    address: host.address,
    port: host.port,
    user: host.user,
    uri: host.uri,
    ...change,
  };
}

/** `virsh domstate` out of band; undefined when the host has no such domain. */
function stateOn(host: LabHost, uuid: string): string | undefined {
  try {
    return virshAs(host, 'domstate', uuid).trim();
  } catch {
    return undefined;
  }
}

/** Every t-ops- guest on hv1 and hv2, whatever a failed test left behind (others' VMs untouched). */
function cleanUp(): void {
  for (const host of [hv1, hv2]) {
    for (const [uuid, name] of outOfBandList(host)) {
      if (name.startsWith(PREFIX)) removeGuest(host, uuid);
    }
  }
}

async function runningGuest(driver: HypervisorDriver, name: string, memoryMiB = 64): Promise<VmId> {
  const uuid = await driver.define(guestXml(name, { uuid: randomUUID(), memoryMiB }));
  await driver.act(uuid, 'start');
  return uuid;
}

/** The rejection of a promise that must reject. */
async function failure(promise: Promise<unknown>): Promise<AppError> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (thrown: AppError) => thrown,
  );
}

let d1: HypervisorDriver;
let d2: HypervisorDriver;

beforeAll(async () => {
  cleanUp();
  [d1, d2] = await Promise.all([driverFor(hv1), driverFor(hv2)]);
});

afterAll(async () => {
  cleanUp();
  rmSync(CANARY, { force: true });
  await Promise.all(sessions.map((s) => s.close()));
});

describe('libvirt define, undefine and tags against the lab', () => {
  it('defines a hostile name once, however often, and undefines it idempotently', async () => {
    rmSync(CANARY, { force: true });
    const name = `${PREFIX}it's a "test" $(touch ${CANARY_NAME}) \`touch ${CANARY_NAME}\` & more`;
    const uuid = randomUUID() as VmId;
    const xml = guestXml(name, { uuid, tags: tags('shop <&> "x"', "it's") });
    expect(await d1.define(xml)).toBe(uuid);
    expect(virshAs(hv1, 'domname', uuid).trim()).toBe(name);
    const stored = parseDomainXml(virshAs(hv1, 'dumpxml', uuid));
    expect(stored).toMatchObject({ name, application: 'shop <&> "x"', service: "it's" });
    expect(await d1.define(xml)).toBe(uuid); // the same again: updated, not doubled
    expect([...outOfBandList(hv1).values()].filter((n) => n === name)).toHaveLength(1);
    expect(existsSync(CANARY)).toBe(false);
    await d1.undefine(uuid);
    expect(stateOn(hv1, uuid)).toBeUndefined();
    await d1.undefine(uuid); // already gone: fine
  });

  it('resolves with the UUID libvirt made up when the XML names none', async () => {
    const uuid = await d1.define(guestXml(`${PREFIX}no-uuid`));
    expect(virshAs(hv1, 'domuuid', `${PREFIX}no-uuid`).trim()).toBe(uuid);
    await d1.undefine(uuid);
  });

  it('refuses to undefine a running VM, and refuses XML libvirt rejects with its reason', async () => {
    const uuid = await runningGuest(d1, `${PREFIX}running`);
    await expect(d1.undefine(uuid)).rejects.toMatchObject({
      code: 'conflict',
      message: `Couldn't remove VM 't-ops-running' from hv1: it is running; stop it first`,
    });
    expect(stateOn(hv1, uuid)).toBe('running');
    const bad = guestXml(`${PREFIX}bad`).replace("type='qemu'", "type='nonsense'");
    const error = await failure(d1.define(bad));
    expect(error.code).toBe('command-failed');
    expect(error.message).toMatch(/^Couldn't define VM 't-ops-bad' on hv1: .*nonsense/);
    removeGuest(hv1, uuid);
  });

  it('tags a shut-off VM and a running one; the listing shows the tags at once', async () => {
    const off = await d1.define(guestXml(`${PREFIX}tag-off`, { uuid: randomUUID() }));
    const on = await runningGuest(d1, `${PREFIX}tag-on`);
    expect((await d1.listVms()).find((vm) => vm.id === off)?.application).toBeUndefined();
    await d1.setMetadata(off, tags('web & "co"', 'shop'));
    await d1.setMetadata(on, tags('db', 'shop'));
    const vms = await d1.listVms();
    expect(vms.find((vm) => vm.id === off)).toMatchObject({
      application: 'web & "co"',
      service: 'shop',
    });
    expect(vms.find((vm) => vm.id === on)).toMatchObject({ application: 'db', service: 'shop' });
    // The running one's persistent definition has them too: they survive a restart.
    expect(parseDomainXml(virshAs(hv1, 'dumpxml', '--inactive', on))).toMatchObject({
      application: 'db',
    });
    removeGuest(hv1, off);
    removeGuest(hv1, on);
  });
});

describe('libvirt migration against the lab', () => {
  it('live-migrates a running guest hv1 → hv2 with progress, and back', async () => {
    const name = `${PREFIX}live`;
    const uuid = await runningGuest(d1, name);
    const progress: number[] = [];
    let started = performance.now();
    await d1.migrate(uuid, targetOf(hv2), { live: true, onProgress: (p) => progress.push(p) });
    const there = performance.now() - started;
    console.log(
      `migration: ${name} hv1→hv2 live ${there.toFixed(0)} ms (progress ${progress.join(', ')})`,
    );
    expect(stateOn(hv2, uuid)).toBe('running');
    expect(stateOn(hv1, uuid)).toBeUndefined(); // --undefinesource: no shut-off copy left behind
    expect(virshAs(hv2, 'dominfo', uuid)).toMatch(/^Persistent:\s+yes$/m);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)).toBe(100);
    started = performance.now();
    await d2.migrate(uuid, targetOf(hv1), { live: true });
    console.log(`migration: ${name} hv2→hv1 live ${(performance.now() - started).toFixed(0)} ms`);
    expect(stateOn(hv1, uuid)).toBe('running');
    expect(stateOn(hv2, uuid)).toBeUndefined();
    removeGuest(hv1, uuid);
  });

  it('moves a shut-off guest offline, keeping its id and tags', async () => {
    const name = `${PREFIX}offline`;
    const uuid = await d1.define(guestXml(name, { uuid: randomUUID(), tags: tags('web', 'shop') }));
    const started = performance.now();
    await d1.migrate(uuid, targetOf(hv2), { live: false });
    console.log(
      `migration: ${name} hv1→hv2 offline ${(performance.now() - started).toFixed(0)} ms`,
    );
    expect(stateOn(hv2, uuid)).toBe('shut off');
    expect(stateOn(hv1, uuid)).toBeUndefined();
    expect((await d2.listVms()).find((vm) => vm.id === uuid)).toMatchObject({
      name,
      application: 'web',
      persistent: true,
    });
    removeGuest(hv2, uuid);
  });

  it('cancels: the job is aborted and the guest keeps running on the source', async () => {
    // 1 GiB of (zero) memory at 1 MiB/s takes about 4-5 s here, with progress every half second.
    const uuid = await runningGuest(d1, `${PREFIX}cancel`, 1024);
    const abort = new AbortController();
    const progress: number[] = [];
    const started = performance.now();
    const error = await failure(
      d1.migrate(uuid, targetOf(hv2), {
        live: true,
        bandwidthMiBs: 1,
        signal: abort.signal,
        onProgress: (p) => {
          progress.push(p);
          abort.abort();
        },
      }),
    );
    console.log(
      `cancel: aborted at ${progress.join(', ')} %, rejected after ${(performance.now() - started).toFixed(0)} ms`,
    );
    expect(error).toMatchObject({
      code: 'cancelled',
      message: 'Cancelled: move t-ops-cancel from hv1 to hv2; it stays on hv1',
    });
    // libvirt's own words stay in the detail; peer to peer they read "End of file while reading
    // data" or "operation aborted" depending on where the job was, so only their presence is checked.
    expect(error.detail).toMatch(/\S/);
    expect(stateOn(hv1, uuid)).toBe('running');
    expect(stateOn(hv2, uuid)).toBeUndefined();
    removeGuest(hv1, uuid);
  });

  it('a receiving qemu killed midway: plain words, libvirt detail, guest still running on hv1', async () => {
    const uuid = await runningGuest(d1, `${PREFIX}killed`, 1024);
    let killed: number | undefined;
    const error = await failure(
      d1.migrate(uuid, targetOf(hv2), {
        live: true,
        bandwidthMiBs: 1,
        onProgress: () => {
          if (killed !== undefined) return;
          // Only the incoming qemu of THIS guest on hv2, found by its -uuid, killed by PID.
          const pids = qemuPidsOf(hv2.user, uuid, { incoming: true });
          expect(pids).toHaveLength(1);
          killed = pids[0];
          process.kill(killed!, 'SIGKILL');
        },
      }),
    );
    expect(killed).toBeDefined();
    console.log(`killed target qemu: ${error.message} | ${error.detail ?? ''}`);
    expect(error.code).toBe('command-failed');
    expect(error.message).toMatch(
      /^Couldn't move t-ops-killed from hv1 to hv2: the transfer broke off/,
    );
    expect(error.detail).toMatch(/^error: /);
    expect(stateOn(hv1, uuid)).toBe('running');
    expect(stateOn(hv2, uuid)).toBeUndefined();
    removeGuest(hv1, uuid);
  });

  it('a target that refuses the connection fails before anything moves', async () => {
    const uuid = await runningGuest(d1, `${PREFIX}refused`);
    const error = await failure(d1.migrate(uuid, targetOf(hv2, { port: 1 }), { live: true }));
    expect(error.message).toBe(
      "Couldn't move t-ops-refused from hv1 to hv2: hv2 refused the connection from hv1 (127.0.0.12:1)",
    );
    expect(error.detail).toMatch(/Connection refused/);
    expect(stateOn(hv1, uuid)).toBe('running');
    removeGuest(hv1, uuid);
  });
});

describe('migration path probe against the lab', () => {
  it('is ok hv1 → hv2', async () => {
    expect(await d1.probeMigrationPath(targetOf(hv2))).toEqual({ ok: true });
  });

  it('names the fix for a closed port, a refused user and a libvirt that does not answer', async () => {
    const port = broken(await d1.probeMigrationPath(targetOf(hv2, { port: 1 })));
    expect(port.message).toBe('hv2 refused the connection from hv1 (127.0.0.12:1)');
    expect(port.fix).toMatch(/sshd runs on hv2 and listens on 127\.0\.0\.12:1/);
    expect(port.detail).toMatch(/Connection refused/);
    const user = broken(await d1.probeMigrationPath(targetOf(hv2, { user: 'hv3' })));
    expect(user.message).toBe("hv2 refused hv1's SSH key for user hv3");
    expect(user.fix).toContain('of user hv1 on hv1) to ~hv3/.ssh/authorized_keys on hv2');
    const system = broken(await d1.probeMigrationPath(targetOf(hv2, { uri: 'qemu:///system' })));
    expect(system.message).toBe('libvirt does not answer on hv2 at qemu:///system');
  });

  it("says hv1 has another key on record when hv3's host key changed (restored at once)", async () => {
    const hv3 = labHost(lab, 3);
    labSh('rotate-hostkey', '3');
    let probe: PathProbe;
    try {
      probe = await d1.probeMigrationPath(targetOf(hv3));
    } finally {
      labSh('restore-hostkey', '3');
    }
    const changed = broken(probe);
    expect(changed.message).toBe(
      'hv1 has another host key on record for hv3: the key hv3 presents has changed',
    );
    expect(changed.fix).toContain("ssh-keygen -R '127.0.0.13'");
    expect(changed.detail).toMatch(/REMOTE HOST IDENTIFICATION HAS CHANGED/);
    expect(await d1.probeMigrationPath(targetOf(hv3))).toEqual({ ok: true });
  });
});

function broken(probe: PathProbe): Exclude<PathProbe, { ok: true }> {
  if (probe.ok) throw new Error('expected a broken path');
  return probe;
}
