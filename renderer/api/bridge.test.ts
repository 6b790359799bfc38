// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { chooseBridge, socketUrl } from './bridge';

function fakeWindow(search: string, extra: Record<string, unknown> = {}): Window {
  return {
    location: {
      href: `http://127.0.0.1:4000/${search}`,
      protocol: 'http:',
      host: '127.0.0.1:4000',
    },
    sessionStorage: { getItem: () => null, setItem: () => undefined },
    history: { state: null, replaceState: () => undefined },
    ...extra,
  } as unknown as Window;
}

describe('chooseBridge', () => {
  it("prefers the Electron preload's bridge", () => {
    const federator = { invoke: vi.fn(), on: vi.fn() };
    const choice = chooseBridge(fakeWindow('', { federator }));
    expect(choice).toEqual({ kind: 'ready', bridge: federator, connection: undefined });
  });

  it('without a preload or a token, says the token is missing', () => {
    expect(chooseBridge(fakeWindow('?other=1'))).toEqual({ kind: 'missing-token' });
  });

  it('builds the socket URL on the same host, with the token escaped', () => {
    expect(socketUrl({ protocol: 'http:', host: 'h:1' }, 'a b&c')).toBe(
      'ws://h:1/ws?token=a%20b%26c',
    );
    expect(socketUrl({ protocol: 'https:', host: 'h' }, 't')).toBe('wss://h/ws?token=t');
  });
});
