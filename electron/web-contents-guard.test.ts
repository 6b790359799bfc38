import type { App, Session } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { denyPermissions, hardenWebContents } from './web-contents-guard';

// Fakes that record what the guard attaches, then call it as Electron would: the Electron binary
// cannot run here, so this is how the wiring (not just the rules) is tested.

type Listener = (...args: unknown[]) => void;

class FakeEmitter {
  readonly listeners = new Map<string, Listener[]>();
  on(name: string, listener: Listener): this {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener]);
    return this;
  }
  /** Fire like Electron: listeners in order, with an event whose preventDefault is recorded. */
  fire(name: string, ...args: unknown[]): { prevented: boolean } {
    const event = { preventDefault: vi.fn(), defaultPrevented: false };
    for (const listener of this.listeners.get(name) ?? []) listener(event, ...args);
    return { prevented: event.preventDefault.mock.calls.length > 0 };
  }
}

class FakeContents extends FakeEmitter {
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
}

class FakeSession {
  request: ((c: unknown, p: string, callback: (granted: boolean) => void) => void) | undefined;
  check: ((c: unknown, p: string) => boolean) | undefined;
  setPermissionRequestHandler(handler: FakeSession['request']): void {
    this.request = handler;
  }
  setPermissionCheckHandler(handler: FakeSession['check']): void {
    this.check = handler;
  }
}

/** A web contents the app created, after the guard saw it. */
function createdContents(): FakeContents {
  const app = new FakeEmitter();
  hardenWebContents(app as unknown as App);
  expect(app.listeners.get('web-contents-created')).toHaveLength(1);
  const contents = new FakeContents();
  app.fire('web-contents-created', contents);
  return contents;
}

describe('every web contents the app creates', () => {
  it('cannot navigate away, in the main frame or a sub-frame, nor be redirected', () => {
    const contents = createdContents();
    expect(contents.fire('will-navigate', 'https://evil.example/').prevented).toBe(true);
    expect(contents.fire('will-frame-navigate').prevented).toBe(true);
    expect(contents.fire('will-redirect', 'https://evil.example/').prevented).toBe(true);
  });

  it('cannot open a window, whatever the URL, nor attach a <webview>', () => {
    const contents = createdContents();
    expect(contents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({
      action: 'deny',
    });
    expect(contents.windowOpenHandler?.({ url: 'app://federator/index.html' })).toEqual({
      action: 'deny',
    });
    expect(contents.fire('will-attach-webview').prevented).toBe(true);
  });

  it('a navigation event the guard does not own is left alone', () => {
    const contents = createdContents();
    expect(contents.fire('did-navigate').prevented).toBe(false);
  });
});

describe('the session', () => {
  const session = new FakeSession();
  denyPermissions(session as unknown as Session);

  it('refuses every permission request but clipboard writes', () => {
    const answers: [string, boolean][] = [];
    for (const p of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read']) {
      session.request?.({}, p, (granted) => answers.push([p, granted]));
    }
    session.request?.({}, 'clipboard-sanitized-write', (granted) =>
      answers.push(['clipboard-sanitized-write', granted]),
    );
    expect(answers).toEqual([
      ['media', false],
      ['geolocation', false],
      ['notifications', false],
      ['openExternal', false],
      ['clipboard-read', false],
      ['clipboard-sanitized-write', true],
    ]);
  });

  it('answers permission checks the same way', () => {
    expect(session.check?.({}, 'media')).toBe(false);
    expect(session.check?.({}, 'hid')).toBe(false);
    expect(session.check?.({}, 'clipboard-sanitized-write')).toBe(true);
  });
});
