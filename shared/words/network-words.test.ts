import { describe, expect, it } from 'vitest';
import type { HostId } from '../domain/ids';
import type { MigrationPath } from '../domain/migration-path';
import type { HostEdge } from '../network/network-graph';
import { brokenEdgeLabel, groupCheckRunningWords, groupCheckWords } from './network-words';

const id = (n: string) => n as HostId;
const path = (from: string, to: string, state: MigrationPath['state'], message?: string) => ({
  from: id(from),
  to: id(to),
  state,
  ...(message === undefined ? {} : { message }),
});

describe('the group check in words', () => {
  it('says how many paths among how many hosts, what it found, and the hosts it skipped', () => {
    const paths = [
      path('a', 'b', 'ok'),
      path('b', 'a', 'broken', 'a cannot be reached'),
      path('a', 'c', 'ok'),
      path('c', 'a', 'ok'),
      path('b', 'c', 'ok'),
      path('c', 'b', 'unknown'),
    ];
    expect(groupCheckWords({ paths, skipped: [id('d'), id('e')], tookMs: 1_460 }, 5)).toBe(
      'Checked 6 paths among 3 hosts in 1.5 s: 1 broken, 4 working, 1 not checked' +
        " (“not checked”: the check itself failed, said on each host's paths)" +
        '. 2 hosts not checked: not connected, or of another kind of hypervisor',
    );
    expect(groupCheckWords({ paths: paths.slice(0, 2), skipped: [], tookMs: 80 }, 2)).toBe(
      'Checked 2 paths among 2 hosts in 80 ms: 1 broken, 1 working',
    );
    expect(groupCheckWords({ paths: [], skipped: [id('a')], tookMs: 1 }, 2)).toMatch(
      /^No path to check: fewer than 2 of these hosts are connected\. 1 host not checked/,
    );
  });

  it('counts with thousands while it runs: 40 hosts are 1,560 paths', () => {
    expect(groupCheckRunningWords(40)).toBe('Checking 1,560 paths among 40 hosts…');
  });

  it('puts what failed on a broken edge, cut to fit, and says when it is broken both ways', () => {
    const long = 'demo-hv0024 cannot reach demo-hv0544 at hv0544.demo.invalid:22: no answer';
    const edge = (broken: MigrationPath[]): HostEdge => ({
      kind: 'pair',
      id: 'a|b',
      a: id('a'),
      b: id('b'),
      state: 'broken',
      broken,
    });
    expect(brokenEdgeLabel(edge([path('a', 'b', 'broken', 'no route')]))).toBe('broken: no route');
    const cut = brokenEdgeLabel(edge([path('a', 'b', 'broken', long)]));
    expect(cut).toBe('broken: demo-hv0024 cannot reach demo-hv0544 at hv0…');
    expect(brokenEdgeLabel(edge([path('a', 'b', 'broken'), path('b', 'a', 'broken', 'x')]))).toBe(
      'broken both ways: the check failed',
    );
  });
});
