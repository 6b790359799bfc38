import { describe, expect, it } from 'vitest';
import { app, host } from './fixtures';
import type { PlacementInput } from './input-types';
import { place } from './place';
import { verdictName } from './refusal-codes';
import { applyMove, createWhatIfSession, whatIf, whatIfAllHosts, whatIfVerdict } from './what-if';
import { ID_NAMER } from '../words/namer';
import { reasonWords } from '../words/reasons';

const input: PlacementInput = {
  hosts: [
    host('a', 8, 8192, { labels: { zone: 'z1' } }),
    host('b', 8, 8192, { labels: { zone: 'z1' } }),
    host('c', 8, 8192, { labels: { zone: 'z2' } }),
    host('m', 8, 8192, { state: 'maintenance' }),
    host('tiny', 1, 1024),
  ],
  applications: [
    app('web', 2, 2048, { replicas: 2, spread: { across: 'host', strength: 'hard' } }),
    app('db', 2, 4096),
  ],
  vms: [
    { id: 'web-1', application: 'web', host: 'a' },
    { id: 'web-2', application: 'web', host: 'b' },
    { id: 'db-1', application: 'db', host: 'a' },
  ],
  unreachable: [{ from: 'a', to: 'c' }],
  policy: { mode: 'spread' },
};

describe('what-if', () => {
  it('gives the first broken hard rule of one VM on one host', () => {
    const s = createWhatIfSession(input);
    expect(whatIfVerdict(s, 'web-1', 'b')).toBe('spread-host');
    expect(whatIfVerdict(s, 'web-1', 'c')).toBe('no-path');
    expect(whatIfVerdict(s, 'web-1', 'm')).toBe('maintenance');
    expect(whatIfVerdict(s, 'web-1', 'tiny')).toBe('memory');
    expect(whatIfVerdict(s, 'db-1', 'b')).toBeNull();
    expect(whatIfVerdict(s, 'db-1', 'a')).toBeNull();
  });

  it('colours every host at once', () => {
    const codes = [...whatIfAllHosts(createWhatIfSession(input), 'db-1')].map(verdictName);
    expect(codes).toEqual([null, null, 'no-path', 'maintenance', 'memory']);
  });

  it('answers with every broken rule, the score change and the headroom after', () => {
    const answer = whatIf(createWhatIfSession(input), [{ vm: 'web-1', host: 'tiny' }]);
    expect(answer.ok).toBe(false);
    expect(answer.moves[0]?.refusals).toEqual([
      { code: 'memory', host: 'tiny', shortMiB: 1024 },
      { code: 'cpu', host: 'tiny', shortVcpus: 1 },
    ]);
    expect(answer.moves[0]?.refusals.map((r) => reasonWords(r, ID_NAMER))).toEqual([
      'memory short by 1.0 GiB',
      'CPU short by 1 vCPU',
    ]);
    expect(answer.headroom).toEqual([
      { host: 'tiny', cpu: -1, memoryMiB: -1024, diskGiB: null, fraction: -1 },
    ]);
  });

  it('scores a move to a roomier host as a gain in spread mode', () => {
    const answer = whatIf(createWhatIfSession(input), [{ vm: 'db-1', host: 'b' }]);
    expect(answer).toMatchObject({ ok: true, moves: [{ from: 'a', to: 'b', ok: true }] });
    // On a (with web-1): 4 of 8 cores and 2048 of 8192 MiB left → 0.25; on b: 0.25 too.
    expect(answer.moves[0]?.scoreDelta).toBe(0);
    expect(answer.headroom[0]).toMatchObject({
      host: 'b',
      cpu: 4,
      memoryMiB: 2048,
      fraction: 0.25,
    });
  });

  it('checks a set of VMs moving together against each other', () => {
    const s = createWhatIfSession(input);
    const swap = whatIf(s, [
      { vm: 'web-1', host: 'b' },
      { vm: 'web-2', host: 'a' },
    ]);
    expect(swap.ok).toBe(true);
    const together = whatIf(s, [
      { vm: 'web-1', host: 'c' },
      { vm: 'web-2', host: 'c' },
    ]);
    expect(together.moves.map((m) => m.refusals.map((r) => reasonWords(r, ID_NAMER)))).toEqual([
      ['no migration path from a'],
      ['anti-affinity with web-1'],
    ]);
  });

  it('leaves the session as it was, and follows applied moves', () => {
    const s = createWhatIfSession(input);
    const before = s.state.free.slice();
    whatIf(s, [
      { vm: 'db-1', host: 'tiny' },
      { vm: 'web-2', host: 'c' },
    ]);
    expect(s.state.free).toEqual(before);
    applyMove(s, 'db-1', 'c');
    expect(whatIfVerdict(s, 'db-1', 'a')).toBeNull();
    expect(whatIfVerdict(s, 'web-2', 'c')).toBeNull();
  });

  it('works on a plan, new VMs included', () => {
    const fresh: PlacementInput = { ...input, vms: [], unreachable: [] };
    const plan = place(fresh);
    const s = createWhatIfSession(fresh, plan.assignments);
    const web1 = plan.assignments.find((a) => a.vm === 'web-1')?.host ?? '';
    const web2 = plan.assignments.find((a) => a.vm === 'web-2')?.host ?? '';
    expect(whatIfVerdict(s, 'web-1', web2)).toBe('spread-host');
    expect(whatIfVerdict(s, 'web-1', web1)).toBeNull();
  });

  it('names an unknown VM or host', () => {
    const s = createWhatIfSession(input);
    expect(() => whatIf(s, [{ vm: 'nope', host: 'a' }])).toThrow('moves[0].vm: unknown VM');
    expect(() => whatIfVerdict(s, 'db-1', 'zz')).toThrow("host: unknown host 'zz'");
  });
});
