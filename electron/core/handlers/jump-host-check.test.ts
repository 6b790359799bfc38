import { describe, expect, it } from 'vitest';
import type { HostConfig } from '../../../shared/domain/host';
import type { HostId } from '../../../shared/domain/ids';
import { refuseBadJumpHost } from './add-host';
import type { CoreContext } from '../context/core-context';

const id = (s: string): HostId => s as HostId;
function ctxWith(...configs: Partial<HostConfig>[]): CoreContext {
  return {
    hosts: { get: (hostId: HostId) => ({ config: configs.find((c) => c.id === hostId) }) },
  } as unknown as CoreContext;
}
const ctx = ctxWith(
  { id: id('hv1'), name: 'hv1', driver: 'libvirt' },
  { id: id('hv4'), name: 'hv4', driver: 'libvirt', jumpHostId: id('hv1') },
  { id: id('demo-a'), name: 'demo-a', driver: 'demo' },
);

describe('a jump host is checked before a host is stored', () => {
  it('accepts a real host reached directly, and no jump host at all', () => {
    expect(() => refuseBadJumpHost(ctx, { jumpHostId: id('hv1') })).not.toThrow();
    expect(() => refuseBadJumpHost(ctx, {})).not.toThrow();
  });

  it.each([
    ['nope', undefined, 'its jump host nope is not in the console'],
    ['hv1', 'hv1', 'a host cannot be its own jump host'],
    ['demo-a', undefined, 'demo-a is a demo host; it cannot be a jump host'],
    ['hv4', undefined, 'its jump host hv4 is itself reached through a jump host (one hop only)'],
  ])('refuses jump host %s with words', (jump, self, words) => {
    expect(() =>
      refuseBadJumpHost(ctx, { jumpHostId: id(jump) }, self === undefined ? undefined : id(self)),
    ).toThrow(words);
  });
});
