// @vitest-environment jsdom
import { act, cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { useLoadedLater } from './use-loaded-later';

// The first arrival of data is drawn in a deferred render (the urgent one still shows nothing);
// once shown, a change is drawn in the render that brings it, not a render later.

afterEach(cleanup);

function Probe(props: { value: string | undefined; seen: (string | undefined)[] }) {
  props.seen.push(useLoadedLater(props.value));
  return null;
}

describe('useLoadedLater', () => {
  it('defers the first arrival only', async () => {
    const seen: (string | undefined)[] = [];
    const view = render(<Probe value={undefined} seen={seen} />);
    expect(seen).toEqual([undefined]);
    await act(() => Promise.resolve(view.rerender(<Probe value="snapshot" seen={seen} />)));
    // The urgent render keeps undefined; the deferred one draws the snapshot.
    expect(seen).toEqual([undefined, undefined, 'snapshot']);
    seen.length = 0;
    await act(() => Promise.resolve(view.rerender(<Probe value="patched" seen={seen} />)));
    expect(seen).toEqual(['patched']);
  });

  it('draws a value present at mount at once', () => {
    const seen: (string | undefined)[] = [];
    render(<Probe value="cached" seen={seen} />);
    expect(seen).toEqual(['cached']);
  });
});
