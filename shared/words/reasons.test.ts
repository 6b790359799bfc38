import { describe, expect, it } from 'vitest';
import {
  Choice,
  CHOICE_CODES,
  Reason,
  REASON_CODES,
  type ChoiceCode,
  type ReasonCode,
} from '../domain/reason';
import { choicePart, choiceWords, runnerUpWords } from './choice-words';
import type { Namer } from './namer';
import { reasonWords } from './reasons';

// Every id reads "id-<x>" and every name "<x>": words that still hold "id-" kept an id unnamed.
const names: Namer = {
  host: (id) => id.replace(/^id-/, 'host '),
  vm: (id) => id.replace(/^id-/, 'vm '),
  application: (id) => id.replace(/^id-/, 'app '),
  service: (id) => id.replace(/^id-/, 'service '),
};

/** One reason of each code: a code missing here does not compile. */
const SAMPLES: { [C in ReasonCode]: Reason & { code: C } } = {
  down: { code: 'down', host: 'id-h' },
  maintenance: { code: 'maintenance', host: 'id-h' },
  evacuating: { code: 'evacuating', host: 'id-h' },
  hypervisor: { code: 'hypervisor', host: 'id-h', needs: 'kvm', has: 'xen' },
  label: { code: 'label', host: 'id-h', missing: ['ssd=true'] },
  'no-path': { code: 'no-path', from: 'id-a', to: 'id-b' },
  'spread-host': { code: 'spread-host', host: 'id-h', application: 'id-web', vm: 'id-web-1' },
  'spread-zone': { code: 'spread-zone', host: 'id-h', application: 'id-web' },
  colocate: { code: 'colocate', host: 'id-h', with: 'id-db' },
  memory: { code: 'memory', host: 'id-h', shortMiB: 2048 },
  cpu: { code: 'cpu', host: 'id-h', shortVcpus: 1.5 },
  disk: { code: 'disk', host: 'id-h', shortGiB: 10 },
  'partner-leaves': { code: 'partner-leaves', host: 'id-h', vm: 'id-db-1' },
  'host-unusable': { code: 'host-unusable', host: 'id-h', state: 'unreachable' },
  'source-unusable': { code: 'source-unusable', host: 'id-h' },
  'no-such-host': { code: 'no-such-host', host: 'gone' },
  'no-facts': { code: 'no-facts', host: 'id-h' },
  'vm-state': { code: 'vm-state', vm: 'id-v', state: 'paused' },
  'vm-transient': { code: 'vm-transient', vm: 'id-v' },
  'vm-gone': { code: 'vm-gone', vm: 'id-v' },
  'move-twice': { code: 'move-twice', vm: 'id-v' },
  'vm-elsewhere': { code: 'vm-elsewhere', vm: 'id-v', host: 'id-c', expected: 'id-b' },
  'vm-moved': { code: 'vm-moved', vm: 'id-v', host: 'id-c', expected: 'id-b', origin: 'id-a' },
  'order-cycle': { code: 'order-cycle', host: 'id-h' },
  'disk-cold': { code: 'disk-cold', vm: 'id-v', disk: 'vda' },
  'disk-not-copied': {
    code: 'disk-not-copied',
    vm: 'id-v',
    disk: 'vda',
    kind: 'volume',
    where: 'fast',
    why: 'no-target-pool',
    host: 'id-h',
  },
  'pool-space': {
    code: 'pool-space',
    vm: 'id-v',
    host: 'id-h',
    pool: 'default',
    freeBytes: 40 * 1024 ** 2,
    needBytes: 64 * 1024 ** 2,
    disks: ['vda'],
  },
  'volume-exists': {
    code: 'volume-exists',
    vm: 'id-v',
    disk: 'vda',
    host: 'id-h',
    pool: 'default',
    volume: 'vda.qcow2',
  },
  'service-blocked': { code: 'service-blocked', service: 'id-shop', application: 'id-db' },
  'no-hosts': { code: 'no-hosts' },
  'adopt-not-listed': { code: 'adopt-not-listed', vm: 'id-v', host: 'id-h' },
  'adopt-host-unusable': { code: 'adopt-host-unusable', vm: 'id-v', host: 'id-h' },
  'adopt-too-large': {
    code: 'adopt-too-large',
    vm: 'id-v',
    application: 'id-web',
    memoryMiB: 2048,
    allowedMemoryMiB: 1024,
  },
  'adopt-other-service': { code: 'adopt-other-service', vm: 'id-v', service: 'id-shop' },
  'adopt-already': { code: 'adopt-already', vm: 'id-v', application: 'id-web' },
  'adopt-replicas': { code: 'adopt-replicas', application: 'id-web', replicas: 1, already: 1 },
  'soft-spread': {
    code: 'soft-spread',
    vm: 'id-web-2',
    host: 'id-h',
    application: 'id-web',
    across: 'zone',
    joins: ['id-web-1', 'id-web-3'],
  },
  'soft-colocate': { code: 'soft-colocate', vm: 'id-api-1', host: 'id-h', with: 'id-web' },
};

/** One explanation part of each code: a code missing here does not compile. */
const CHOICES: { [C in ChoiceCode]: Choice & { code: C } } = {
  'only-host': { code: 'only-host', freeAfterMiB: 5734 },
  'tightest-fit': { code: 'tightest-fit', freeAfterMiB: 512 },
  'most-headroom': { code: 'most-headroom', freeAfterMiB: 2048 },
  'next-to': { code: 'next-to', application: 'id-db' },
  'in-use': { code: 'in-use' },
  'replicas-there': { code: 'replicas-there', application: 'id-web', replicas: 2 },
  'no-partner': { code: 'no-partner', application: 'id-db' },
  'not-in-use': { code: 'not-in-use' },
  'looser-fit': { code: 'looser-fit', freeAfterMiB: 4096 },
  'less-headroom': { code: 'less-headroom', freeAfterMiB: 1024 },
  'scored-lower': { code: 'scored-lower', score: 0.25, chosen: 0.5 },
  'scored-same': { code: 'scored-same' },
};

describe('reasonWords', () => {
  it('has words for every reason code, each naming its ids by name', () => {
    expect(Object.keys(SAMPLES).sort()).toEqual([...REASON_CODES].sort());
    for (const code of REASON_CODES) {
      const reason = Reason.parse(SAMPLES[code]); // the contract's schema takes it as it is
      const words = reasonWords(reason, names);
      expect(words, code).toMatch(/^\S.*\S$/);
      expect(words, code).not.toMatch(/undefined|NaN|\[object|id-/);
    }
  });

  it('says the soft rules a move makes worse, every VM joined by name', () => {
    expect(reasonWords(SAMPLES['soft-spread'], names)).toBe(
      "vm web-2 joins vm web-1, vm web-3 (also app web) in host h's zone: its soft spread rule prefers them apart",
    );
    expect(reasonWords(SAMPLES['soft-colocate'], names)).toBe(
      'vm api-1 leaves app web behind: host h runs none (soft co-location)',
    );
  });

  it('says memory one way, and gives the figures', () => {
    expect(reasonWords(SAMPLES.memory, names)).toBe('memory short by 2.0 GiB');
    expect(reasonWords(SAMPLES.cpu, names)).toBe('CPU short by 1.50 vCPUs');
    expect(reasonWords(SAMPLES['adopt-too-large'], names)).toBe(
      'vm v is larger than app web: 2.0 GiB of memory, app web allows 1.0 GiB',
    );
  });

  it('says disks that cannot be copied, and pool space, with the sizes in bytes as admins read them', () => {
    expect(reasonWords(SAMPLES['pool-space'], names)).toBe(
      "no space in the target pool: host h's pool default has 40 MiB free, vm v's disk needs 64 MiB",
    );
    expect(reasonWords(SAMPLES.disk, names)).toBe('storage pools short by 10.0 GiB');
    expect(reasonWords(SAMPLES['disk-not-copied'], names)).toBe(
      "vm v's disk vda is in pool fast, and host h has no pool fast to copy it into",
    );
    expect(reasonWords(SAMPLES['volume-exists'], names)).toBe(
      "host h's pool default already has a volume named vda.qcow2: copying vm v's disk vda there would write over it",
    );
    expect(reasonWords({ ...SAMPLES['volume-exists'], usedBy: 'id-v' }, names)).toContain(
      '(a disk of vm v, defined on host h)',
    );
    expect(reasonWords(SAMPLES['disk-cold'], names)).toContain(
      'libvirt copies disks only in a live migration',
    );
  });

  it('refuses a reason the schema does not know, so the window never gets one without words', () => {
    expect(Reason.safeParse({ code: 'memory short by 2 GiB' }).success).toBe(false);
    expect(Reason.safeParse({ code: 'memory', host: 'h' }).success).toBe(false);
  });
});

describe('choiceWords', () => {
  it('has words for every part of a "why this host", each naming its ids by name', () => {
    expect(Object.keys(CHOICES).sort()).toEqual([...CHOICE_CODES].sort());
    for (const code of CHOICE_CODES) {
      const words = choicePart(Choice.parse(CHOICES[code]), names);
      expect(words, code).toMatch(/^\S.*\S$/);
      expect(words, code).not.toMatch(/undefined|NaN|\[object|id-/);
    }
  });

  it('joins the parts as the review shows them, a runner-up after its host', () => {
    const chosen = [CHOICES['tightest-fit'], CHOICES['next-to'], CHOICES['in-use']];
    expect(choiceWords(chosen, names)).toBe(
      'tightest fit: 512 MiB memory free after; next to app db (co-location); already running VMs',
    );
    const runnerUp = [CHOICES['replicas-there'], CHOICES['looser-fit']];
    expect(runnerUpWords('id-hv3', runnerUp, names)).toBe(
      'host hv3: 2 app web replicas already there (spread); looser fit: 4.0 GiB memory free after',
    );
    expect(choicePart(CHOICES['scored-lower'], names)).toBe('scored lower (0.25 against 0.5)');
  });

  it("a runner-up whose memory free after rounds to the chosen host's is said as about the same, not as the same figure twice", () => {
    const gib = (g: number) => g * 1024;
    expect(
      choicePart(
        { code: 'less-headroom', freeAfterMiB: gib(23.41), chosenFreeAfterMiB: gib(23.44) },
        names,
      ),
    ).toBe(
      'less headroom as a share of the host: 23.4 GiB memory free after, about the same as the chosen host',
    );
    expect(
      choicePart(
        { code: 'looser-fit', freeAfterMiB: gib(12), chosenFreeAfterMiB: gib(12.02) },
        names,
      ),
    ).toBe(
      'looser fit as a share of the host: 12.0 GiB memory free after, about the same as the chosen host',
    );
    // A figure that differs once rounded is said as before.
    expect(
      choicePart(
        { code: 'less-headroom', freeAfterMiB: gib(20), chosenFreeAfterMiB: gib(23.4) },
        names,
      ),
    ).toBe('less headroom: 20.0 GiB memory free after');
  });
});
