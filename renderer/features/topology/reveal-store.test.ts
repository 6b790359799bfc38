import { describe, expect, it } from 'vitest';
import { revealInTopology, useRevealStore } from './reveal-store';

describe('asking the topology to show a card', () => {
  it('answers each request once, so a grid drawn later does not jump to an old one', () => {
    revealInTopology({ hostId: 'hv1', focus: true });
    const first = useRevealStore.getState().request;
    expect(first).toMatchObject({ hostId: 'hv1', focus: true });
    expect(useRevealStore.getState().answer(first!.seq)).toBe(true);
    expect(useRevealStore.getState().answer(first!.seq)).toBe(false);
    // The same card asked for again is a new request.
    revealInTopology({ hostId: 'hv1', focus: true });
    const again = useRevealStore.getState().request;
    expect(again!.seq).toBeGreaterThan(first!.seq);
    expect(useRevealStore.getState().answer(again!.seq)).toBe(true);
  });
});
