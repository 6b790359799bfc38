// @vitest-environment jsdom
import { act, cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HostRow } from './HostGrid';

// A row of the virtualised card grid: in view, all its cards at once; out of view (the overscan
// ahead), one card per idle moment, holding its estimated height until full.

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const cards = ['a', 'b', 'c'].map((id) => (
  <article key={id} data-testid="card">
    {id}
  </article>
));

function row(inView: boolean) {
  return (
    <HostRow index={4} measure={() => undefined} inView={inView} minHeight={420} style={{}}>
      {cards}
    </HostRow>
  );
}

describe('HostRow', () => {
  it('in view draws every card at once', () => {
    const { getAllByTestId, container } = render(row(true));
    expect(getAllByTestId('card')).toHaveLength(3);
    expect((container.firstChild as HTMLElement).style.minHeight).toBe('');
  });

  it('out of view draws one card per idle moment, at its estimated height until full', async () => {
    vi.useFakeTimers(); // jsdom has no requestIdleCallback: the row falls back to a timer
    const { queryAllByTestId, container } = render(row(false));
    const element = container.firstChild as HTMLElement;
    expect(queryAllByTestId('card')).toHaveLength(0);
    expect(element.style.minHeight).toBe('420px');
    expect(element.dataset.drawn).toBe('0/3');
    await act(() => vi.advanceTimersToNextTimerAsync());
    expect(queryAllByTestId('card')).toHaveLength(1);
    await act(() => vi.advanceTimersToNextTimerAsync());
    await act(() => vi.advanceTimersToNextTimerAsync());
    expect(queryAllByTestId('card')).toHaveLength(3);
    expect(element.style.minHeight).toBe('');
    expect(element.dataset.drawn).toBeUndefined();
  });

  it('coming into view half drawn, is filled at once and stays full out of view', () => {
    vi.useFakeTimers();
    const { queryAllByTestId, rerender } = render(row(false));
    expect(queryAllByTestId('card')).toHaveLength(0);
    rerender(row(true));
    expect(queryAllByTestId('card')).toHaveLength(3);
    rerender(row(false));
    expect(queryAllByTestId('card')).toHaveLength(3);
  });
});
