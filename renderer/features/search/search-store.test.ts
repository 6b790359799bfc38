import { describe, expect, it } from 'vitest';
import { makeFleet, makeHost, makeVm } from '../../testing/fixtures';
import { searchFleet, searchIndexOf } from './search-store';

// The empty box (the window at load) answers without the fleet's index, and with one object while
// the fleet changes, so no view redraws for it; a query still finds what changed since.

describe('searchFleet', () => {
  it('answers the empty box with the same inactive match whatever the fleet', () => {
    const one = makeFleet([makeHost('hv1')], [makeVm('hv1', 'web-1')]);
    const two = makeFleet([makeHost('hv1'), makeHost('hv2')], [makeVm('hv2', 'db-1')]);
    const first = searchFleet(one, undefined, '');
    expect(first.active).toBe(false);
    expect(searchFleet(two, undefined, '')).toBe(first);
    expect(searchFleet(two, undefined, '   ').active).toBe(false);
  });

  it('finds in the fleet as it is now once a term is typed', () => {
    const one = makeFleet([makeHost('hv1')], [makeVm('hv1', 'web-1')]);
    searchFleet(one, undefined, '');
    const two = makeFleet([makeHost('hv1'), makeHost('hv2')], [makeVm('hv2', 'db-1')]);
    const found = searchFleet(two, undefined, 'db-1');
    expect(found.active).toBe(true);
    expect(found.vms.map((v) => v.name)).toEqual(['db-1']);
    expect([...found.shownHostIds]).toEqual(['hv2']);
    expect(searchIndexOf(two, undefined)).toBe(searchIndexOf(two, undefined));
  });
});
