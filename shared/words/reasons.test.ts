import { describe, expect, it } from 'vitest';
import { Reason, REASON_CODES, type ReasonCode } from '../domain/reason';
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
  'vm-moved': { code: 'vm-moved', vm: 'id-v', host: 'id-c', expected: 'id-b', origin: 'id-a' },
  'order-cycle': { code: 'order-cycle', host: 'id-h' },
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

  it('says memory one way, and gives the figures', () => {
    expect(reasonWords(SAMPLES.memory, names)).toBe('memory short by 2.0 GiB');
    expect(reasonWords(SAMPLES.cpu, names)).toBe('CPU short by 1.50 vCPUs');
    expect(reasonWords(SAMPLES['adopt-too-large'], names)).toBe(
      'vm v is larger than app web: 2.0 GiB of memory, app web allows 1.0 GiB',
    );
  });

  it('refuses a reason the schema does not know, so the window never gets one without words', () => {
    expect(Reason.safeParse({ code: 'memory short by 2 GiB' }).success).toBe(false);
    expect(Reason.safeParse({ code: 'memory', host: 'h' }).success).toBe(false);
  });
});
