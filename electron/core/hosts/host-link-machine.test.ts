import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { needsPassphrase, type Host, type HostConfig } from '../../../shared/domain/host';
import type { HostId, VmId } from '../../../shared/domain/ids';
import type { Vm } from '../../../shared/domain/vm';
import { AppError } from '../../../shared/errors';
import { createLibvirtDriver } from '../hypervisor/libvirt/libvirt-driver';
import { FakeHost, type FakeSession } from '../../testing/fake-host';
import type { HostLink } from './host-link';
import { HostKeyError } from '../ssh/host-key';
import { createHostLinkMachine } from './host-link-machine';
import { KeyFileError } from '../ssh/key-file-error';

const config: HostConfig = {
  id: 'h1' as HostId,
  name: 'hv1',
  address: '127.0.0.11',
  port: 22,
  user: 'hv1',
  uri: 'qemu:///session',
  labels: {},
  driver: 'libvirt',
};
const FP = 'SHA256:presented';
const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';

interface Harness {
  link: HostLink;
  fake: FakeHost;
  hosts: Host[];
  vmLists: (readonly Vm[])[];
  logs: string[];
  keys: Map<string, string>;
  keyTypes: Map<string, string>;
  connects: number;
  /** What the next connection attempts do; default: succeed if the key is trusted. */
  plan: (Error | 'ok')[];
  /** The session the next connection gets, if not a fresh one. */
  sessionFor?: (() => FakeSession) | undefined;
}

function harness(trusted?: string, pollMs?: () => number): Harness {
  const fake = new FakeHost();
  fake.domains = [{ uuid: A, name: 'it\'s "$(x)"', state: 1, application: 'web' }];
  const h: Harness = {
    fake,
    hosts: [],
    vmLists: [],
    logs: [],
    keys: new Map(),
    keyTypes: new Map(),
    connects: 0,
    plan: [],
  } as unknown as Harness;
  if (trusted) h.keys.set(config.id, trusted);
  h.link = createHostLinkMachine(
    config,
    {
      trustedKeys: {
        get: (id) => {
          const fingerprint = h.keys.get(id);
          const keyType = h.keyTypes.get(id);
          if (fingerprint === undefined) return undefined;
          return keyType === undefined ? { fingerprint } : { fingerprint, keyType };
        },
        set: (id, key) => {
          h.keys.set(id, key.fingerprint);
          if (key.keyType !== undefined) h.keyTypes.set(id, key.keyType);
          return Promise.resolve();
        },
        forget: (id) => (h.keys.delete(id), h.keyTypes.delete(id), Promise.resolve()),
      },
      listener: {
        host: (host) => h.hosts.push(host),
        vms: (vms) => h.vmLists.push(vms),
        log: (entry) => h.logs.push(`${entry.level}: ${entry.message}`),
      },
      timing: { pollMs: 1_000, backoffMinMs: 100, backoffMaxMs: 800, commandTimeoutMs: 500 },
      ...(pollMs === undefined ? {} : { pollMs }),
    },
    {
      connect: (trustedFp) => {
        h.connects += 1;
        const next = h.plan.shift() ?? 'ok';
        if (next !== 'ok') return Promise.reject(next);
        if (trustedFp === undefined) {
          return Promise.reject(
            new HostKeyError('host-key-unknown', 'unknown key', FP, { keyType: 'ED25519' }),
          );
        }
        if (trustedFp !== FP)
          return Promise.reject(
            new HostKeyError('host-key-changed', 'CHANGED', FP, { keyType: 'ECDSA' }),
          );
        return Promise.resolve(h.sessionFor?.() ?? fake.session(FP));
      },
      driverFor: (session, timing, warn) =>
        createLibvirtDriver({
          shell: session,
          hostId: config.id,
          hostName: 'hv1',
          uri: config.uri,
          timeouts: { queryMs: timing.commandTimeoutMs },
          debounceMs: 10,
          warn,
        }),
      random: () => 1, // jitter at its ceiling: delays are exact
    },
  );
  return h;
}

const state = (h: Harness): string => h.link.current().host.state;
const lastSession = (h: Harness): FakeSession => h.fake.sessions.at(-1)!;

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('host link state machine', () => {
  it('waits for trust on first contact, refuses another fingerprint, then connects', async () => {
    const h = harness();
    h.link.open();
    await vi.advanceTimersByTimeAsync(0);
    expect(state(h)).toBe('host-key-unknown');
    expect(h.link.current().host).toMatchObject({
      presentedFingerprint: FP,
      presentedKeyType: 'ED25519',
      problem: { code: 'host-key-unknown', message: 'unknown key' },
    });
    await expect(h.link.trust('SHA256:other')).rejects.toThrow(
      /Refused to trust SHA256:other for hv1: the host presented SHA256:presented/,
    );
    await h.link.trust(FP);
    await vi.advanceTimersByTimeAsync(0);
    expect(h.keys.get(config.id)).toBe(FP);
    expect(h.keyTypes.get(config.id)).toBe('ED25519'); // kept for a later changed-key warning
    expect(state(h)).toBe('connected');
    const connected = h.link.current().host;
    expect(connected).toMatchObject({ trustedFingerprint: FP, trustedKeyType: 'ED25519' });
    expect(connected.problem).toBeUndefined();
    expect(connected.presentedKeyType).toBeUndefined();
    expect(h.link.current().host.facts?.value.virtualLayer).toMatchObject({
      status: 'ok',
      kind: 'qemu',
    });
    expect(h.vmLists.at(-1)).toEqual([
      expect.objectContaining({
        id: A,
        name: 'it\'s "$(x)"',
        state: 'running',
        application: 'web',
        persistent: true,
      }),
    ]);
    expect(h.hosts.map((x) => x.state)).toEqual([
      'connecting',
      'host-key-unknown',
      'connecting',
      'connected',
    ]);
    await h.link.close();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('refuses a changed key and an unaccepted login without retrying', async () => {
    const changed = harness('SHA256:old');
    changed.link.open();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(state(changed)).toBe('host-key-changed');
    expect(changed.link.current().host).toMatchObject({
      presentedKeyType: 'ECDSA',
      trustedFingerprint: 'SHA256:old',
      problem: { code: 'host-key-changed' },
    });
    expect(changed.connects).toBe(1);
    expect(changed.logs.join('\n')).toMatch(/host key of hv1 has changed/);
    await expect(changed.link.trust(FP)).rejects.toThrow(
      /its host key changed; remove the trusted key first/,
    );

    const auth = harness(FP);
    auth.plan = [new AppError('auth-failed', 'hv1 refused our key for user hv1')];
    auth.link.open();
    await vi.advanceTimersByTimeAsync(5_000);
    expect([state(auth), auth.connects]).toEqual(['auth-failed', 1]);
    expect(auth.link.current().host.problem).toEqual({
      code: 'auth-failed',
      message: 'hv1 refused our key for user hv1',
    });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('says as data that the key needs its passphrase, and forgets it once connected', async () => {
    const h = harness(FP);
    h.plan = [
      new KeyFileError('the key is protected by a passphrase and none was given', {
        passphrase: 'missing',
      }),
    ];
    h.link.open();
    await vi.advanceTimersByTimeAsync(5_000);
    const host = h.link.current().host;
    expect(host.state).toBe('auth-failed');
    expect(host.problem).toMatchObject({ code: 'key-file', passphrase: 'missing' });
    expect(needsPassphrase(host)).toBe(true);
    expect(h.connects).toBe(1); // no retry: only the admin can give it
    await h.link.reconnect();
    await vi.advanceTimersByTimeAsync(0);
    expect(state(h)).toBe('connected');
    expect(needsPassphrase(h.link.current().host)).toBe(false);
    await h.link.close();
  });

  it('retries an unreachable host with growing delays, and comes back by itself', async () => {
    const h = harness(FP);
    const down = (): AppError =>
      new AppError('unreachable', 'hv1 (127.0.0.11:22) refused the connection');
    h.plan = [down(), down(), down(), down(), down()];
    h.link.open();
    await vi.advanceTimersByTimeAsync(0);
    expect(state(h)).toBe('unreachable');
    // The problem has the error's own words; the countdown is only in the state detail.
    expect(h.link.current().host.problem).toEqual({
      code: 'unreachable',
      message: 'hv1 (127.0.0.11:22) refused the connection',
    });
    const attemptsAt: number[] = [];
    for (let t = 0; t < 3_000 && h.connects < 6; t += 10) {
      const before = h.connects;
      await vi.advanceTimersByTimeAsync(10);
      if (h.connects > before) attemptsAt.push(t + 10);
    }
    // 100, 200, 400, 800, 800 ms apart (jitter pinned at its ceiling)
    const gaps = attemptsAt.map((t, i) => t - (attemptsAt[i - 1] ?? 0));
    expect(gaps).toEqual([100, 200, 400, 800, 800]);
    expect(state(h)).toBe('connected');
    expect(h.link.current().host.problem).toBeUndefined();
    expect(h.logs.filter((l) => l.startsWith('warning')).length).toBe(1); // one line per outage
    expect(h.logs.at(-1)).toBe('info: Reconnected to hv1');
    await h.link.close();
  });

  it('a lost connection goes unreachable and reconnects', async () => {
    const h = harness(FP);
    h.link.open();
    await vi.advanceTimersByTimeAsync(0);
    expect(state(h)).toBe('connected');
    lastSession(h).lose();
    expect(state(h)).toBe('unreachable');
    expect(h.link.current().host.stateDetail).toMatch(
      /keepalive timed out\)\. Next attempt in 0\.1 s$/,
    );
    await vi.advanceTimersByTimeAsync(100);
    expect(state(h)).toBe('connected');
    expect(h.fake.sessions).toHaveLength(2);
    expect(h.fake.sessions[0]!.closed).toBe(true);
    await h.link.close();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('an event brings a new listing at once; vms() fires only on a real change', async () => {
    const h = harness(FP);
    h.link.open();
    await vi.advanceTimersByTimeAsync(0);
    expect(h.vmLists).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(3_000); // three identical polls
    expect(h.vmLists).toHaveLength(1);
    h.fake.domains.push({ uuid: B, name: 'b', state: 5 });
    h.fake.emit("event 'lifecycle' for domain 'b': Defined Added");
    await vi.advanceTimersByTimeAsync(20);
    expect(h.vmLists.at(-1)?.map((v) => v.name)).toEqual(['b', 'it\'s "$(x)"']);
    await h.link.close();
  });

  it('shows what an event says at once, without waiting for the listing it triggers', async () => {
    const h = harness(FP);
    h.fake.domains.push({ uuid: B, name: 'b', state: 1 });
    h.link.open();
    await vi.advanceTimersByTimeAsync(0);
    expect(h.vmLists.at(-1)?.find((v) => v.name === 'b')?.state).toBe('running');
    h.fake.hang = true; // the host is too busy to list: only the event can tell
    h.fake.domains[1]!.state = 3;
    h.fake.emit("event 'lifecycle' for domain 'b': Suspended Paused");
    expect(h.vmLists.at(-1)?.find((v) => v.name === 'b')?.state).toBe('paused');
    await h.link.close();
  });

  it('falls back to polling when the event stream breaks, and restarts it', async () => {
    const h = harness(FP);
    h.link.open();
    await vi.advanceTimersByTimeAsync(0);
    h.fake.endStreams();
    expect(h.link.current().host.stateDetail).toMatch(/event stream is down, polling every 1 s/);
    h.fake.domains[0]!.state = 5;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(h.vmLists.at(-1)?.[0]?.state).toBe('shutoff');
    expect(h.fake.openStreams).toBe(1);
    // Live again only once the catch-up listing after the stream's registration has run.
    expect(h.link.current().host.stateDetail).toMatch(/down/);
    const listings = h.fake.calls.length;
    await vi.advanceTimersByTimeAsync(300);
    expect(h.fake.calls.length).toBeGreaterThan(listings);
    expect(h.link.current().host.stateDetail).not.toMatch(/down/);
    await h.link.close();
  });

  it('polls at the interval the setting says now: a change applies from the poll under way', async () => {
    let every = 1_000;
    const h = harness(FP, () => every);
    h.link.open();
    await vi.advanceTimersByTimeAsync(500); // connected, the stream registered and caught up
    const listings = () =>
      h.fake.calls.filter((argv) => argv.join(' ').includes('list --all --uuid --name')).length;
    const start = listings();
    await vi.advanceTimersByTimeAsync(3_000);
    expect(listings() - start).toBe(3);
    every = 10_000;
    await vi.advanceTimersByTimeAsync(500); // the poll scheduled at 1 s runs, the next waits 10 s
    const after = listings();
    await vi.advanceTimersByTimeAsync(9_000);
    expect(listings()).toBe(after);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(listings()).toBe(after + 1);
    await h.link.close();
  });

  it('acts by UUID, refreshes at once, and words libvirt errors', async () => {
    const h = harness(FP);
    h.link.open();
    await vi.advanceTimersByTimeAsync(0);
    await h.link.act(A as VmId, 'destroy');
    expect(h.fake.calls.some((c) => c.join(' ') === `virsh -c qemu:///session destroy ${A}`)).toBe(
      true,
    );
    await vi.advanceTimersByTimeAsync(0);
    expect(h.vmLists.at(-1)?.[0]?.state).toBe('shutoff');
    await h.link.act(A as VmId, 'start');
    await expect(h.link.act(A as VmId, 'start')).rejects.toThrow(
      `Couldn't start VM 'it's "$(x)"' on hv1: Requested operation is not valid: domain is already active`,
    );
    await h.link.disconnect();
    expect(state(h)).toBe('disconnected');
    await expect(h.link.act(A as VmId, 'start')).rejects.toMatchObject({ code: 'unreachable' });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a hung hypervisor becomes hypervisor-problem, then connected again', async () => {
    const h = harness(FP);
    h.link.open();
    await vi.advanceTimersByTimeAsync(0);
    h.fake.hang = true;
    await vi.advanceTimersByTimeAsync(1_600);
    expect(state(h)).toBe('hypervisor-problem');
    expect(h.link.current().host.stateDetail).toMatch(/did not answer within/);
    expect(h.link.current().host.problem?.code).toBe('hypervisor-missing');
    h.fake.hang = false;
    await vi.advanceTimersByTimeAsync(1_600);
    expect(state(h)).toBe('connected');
    expect(h.link.current().host.problem).toBeUndefined();
    await h.link.close();
  });

  it('says what is missing when virsh is not installed', async () => {
    const h = harness(FP);
    h.fake.virshMissing = true;
    h.link.open();
    await vi.advanceTimersByTimeAsync(0);
    expect(state(h)).toBe('hypervisor-problem');
    expect(h.link.current().host.stateDetail).toBe(
      'virsh is not installed on hv1 (install libvirt-clients)',
    );
    expect(h.link.current().host.facts?.value.virtualLayer.status).toBe('missing');
    // No VM action is tried on a hypervisor with a problem: the host's state says why.
    await expect(h.link.act(A as VmId, 'destroy')).rejects.toMatchObject({
      code: 'unreachable',
      message: `Couldn't destroy VM '${A}' on hv1: the host is connected, but its hypervisor has a problem`,
    });
    expect(h.fake.calls.some((c) => c.join(' ').includes(`destroy ${A}`))).toBe(false);
    await h.link.close();
  });

  it('a host that cannot run our commands is a hypervisor problem naming what is missing', async () => {
    const h = harness(FP);
    h.fake.failWith = {
      code: 127,
      stdout: '',
      stderr: 'bash: line 1: timeout: command not found\n',
    };
    h.link.open();
    await vi.advanceTimersByTimeAsync(0);
    expect(state(h)).toBe('hypervisor-problem');
    expect(h.link.current().host.stateDetail).toBe('`timeout` (coreutils) is missing on hv1');
    expect(h.link.current().host.problem).toMatchObject({
      code: 'command-failed',
      detail: 'bash: line 1: timeout: command not found',
    });
    expect(h.vmLists).toEqual([]);
    await vi.advanceTimersByTimeAsync(3_000); // polls retry, the log says it once
    expect(h.logs.filter((l) => l.includes('`timeout` (coreutils) is missing'))).toHaveLength(1);
    h.fake.failWith = undefined; // coreutils installed
    await vi.advanceTimersByTimeAsync(1_000);
    expect(state(h)).toBe('connected');
    expect(h.link.current().host.problem).toBeUndefined();
    expect(h.vmLists.at(-1)?.map((v) => v.id)).toEqual([A]);
    await h.link.close();
  });

  it('a non-POSIX login shell is a hypervisor problem with its words, not "Connected"', async () => {
    const h = harness(FP);
    h.fake.failWith = { code: 1, stdout: '', stderr: "Unsupported use of '='.\n" };
    h.link.open();
    await vi.advanceTimersByTimeAsync(0);
    expect(state(h)).toBe('hypervisor-problem');
    expect(h.link.current().host.stateDetail).toBe(
      "Couldn't read the host facts on hv1: the command exited with code 1: Unsupported use of '='.",
    );
    await h.link.close();
  });

  it('one domain whose XML does not parse is left out and logged, the others are listed', async () => {
    const h = harness(FP);
    h.fake.domains.push({ uuid: B, name: 'b', state: 5 });
    h.fake.brokenXml.add(B);
    h.link.open();
    await vi.advanceTimersByTimeAsync(3_000);
    expect(state(h)).toBe('connected');
    expect(h.vmLists.at(-1)?.map((v) => v.id)).toEqual([A]);
    const lines = h.logs.filter((l) => l.startsWith('warning: Left out VM b on hv1'));
    expect(lines).toHaveLength(1);
    h.fake.brokenXml.clear(); // fixed; its event makes us read it again
    h.fake.emit("event 'lifecycle' for domain 'b': Defined Updated");
    await vi.advanceTimersByTimeAsync(20);
    expect(
      h.vmLists
        .at(-1)
        ?.map((v) => v.id)
        .sort(),
    ).toEqual([A, B]);
    await h.link.close();
  });

  it('a connection lost before the link listened for its end still goes unreachable', async () => {
    const h = harness(FP);
    const session = h.fake.session(FP);
    session.lose(); // gone between the handshake and onClose
    h.sessionFor = () => session;
    h.link.open();
    await vi.advanceTimersByTimeAsync(0);
    expect(state(h)).toBe('unreachable');
    await h.link.close();
  });

  it('a host that accepts SSH and then drops at once backs off; one that stayed up does not', async () => {
    const h = harness(FP);
    h.link.open();
    await vi.advanceTimersByTimeAsync(0);
    const attemptsAt: number[] = [];
    for (let t = 0; t < 3_000 && h.connects < 5; t += 10) {
      if (state(h) === 'connected') lastSession(h).lose(); // drops right after it was ready
      const before = h.connects;
      await vi.advanceTimersByTimeAsync(10);
      if (h.connects > before) attemptsAt.push(t + 10);
    }
    const gaps = attemptsAt.map((t, i) => t - (attemptsAt[i - 1] ?? 0));
    expect(gaps).toEqual([100, 200, 400, 800]);
    expect(h.logs.filter((l) => l.includes('stopped answering'))).toHaveLength(1); // one outage

    await vi.advanceTimersByTimeAsync(800); // up for backoffMaxMs: the next drop is a new outage
    expect(state(h)).toBe('connected');
    lastSession(h).lose();
    expect(h.link.current().host.stateDetail).toMatch(/Next attempt in 0\.1 s$/);
    await h.link.close();
  });
});
