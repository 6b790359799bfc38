import { describe, expect, it } from 'vitest';
import { takePageToken, TOKEN_STORAGE_KEY } from './page-token';

/** A tab: its address, its history entries (replaceState rewrites the last) and its storage. */
function fakeTab(href: string, storage: 'working' | 'disabled' = 'working') {
  const entries = [href];
  const kept = new Map<string, string>();
  const win = {
    get location() {
      return { href: entries[entries.length - 1] ?? href } as Location;
    },
    history: {
      state: null,
      replaceState: (_state: unknown, _unused: string, url: string) => {
        entries[entries.length - 1] = new URL(url, href).toString();
      },
    } as unknown as History,
    sessionStorage: {
      setItem: (key: string, value: string) => {
        if (storage === 'disabled') throw new DOMException('denied', 'SecurityError');
        kept.set(key, value);
      },
      getItem: (key: string) => kept.get(key) ?? null,
    } as unknown as Storage,
  };
  return { win, entries, kept };
}

describe('takePageToken', () => {
  it('takes the token out of the address, keeping the rest, and stores it for the tab', () => {
    const tab = fakeTab('http://127.0.0.1:7420/?token=s3cret&view=plans#hv1');
    expect(takePageToken(tab.win)).toBe('s3cret');
    expect(tab.entries).toEqual(['http://127.0.0.1:7420/?view=plans#hv1']);
    expect(tab.kept.get(TOKEN_STORAGE_KEY)).toBe('s3cret');
  });

  it('finds it again after a reload, from the address without it', () => {
    const tab = fakeTab('http://127.0.0.1:7420/?token=s3cret');
    takePageToken(tab.win);
    expect(takePageToken(tab.win)).toBe('s3cret');
    expect(tab.entries).toEqual(['http://127.0.0.1:7420/']);
  });

  it("prefers a token in the address to the stored one: it is a newer run's", () => {
    const tab = fakeTab('http://127.0.0.1:7420/?token=old');
    takePageToken(tab.win);
    tab.entries[0] = 'http://127.0.0.1:7420/?token=new';
    expect(takePageToken(tab.win)).toBe('new');
    expect(tab.kept.get(TOKEN_STORAGE_KEY)).toBe('new');
  });

  it('leaves the token in the address when the tab cannot store it, so that a reload still works', () => {
    const tab = fakeTab('http://127.0.0.1:7420/?token=s3cret', 'disabled');
    expect(takePageToken(tab.win)).toBe('s3cret');
    expect(tab.entries).toEqual(['http://127.0.0.1:7420/?token=s3cret']);
  });

  it('has none when neither the address nor the tab has one', () => {
    expect(takePageToken(fakeTab('http://127.0.0.1:7420/?other=1').win)).toBeUndefined();
  });
});
