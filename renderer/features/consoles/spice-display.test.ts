// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { SpiceDisplayConn } from '@spice-project/spice-html5/src/display.js';
import { ConsoleSocket } from './console-socket';
import { openSpiceDisplay, type SpiceDisplay } from './spice-display';

vi.hoisted(() => {
  // spice-html5's RSA code asks Netscape 4 for entropy when appVersion sorts before "5": jsdom's
  // "4.0" does, Chromium's "5.0 (X11; …)" does not.
  Object.defineProperty(navigator, 'appVersion', { value: '5.0 (jsdom)' });
});

beforeAll(() => {
  // jsdom has no ResizeObserver; the display only needs it to exist.
  globalThis.ResizeObserver ??= class {
    observe(): void {}
    disconnect(): void {}
    unobserve(): void {}
  } as unknown as typeof ResizeObserver;
});

const shown: SpiceDisplay[] = [];
afterEach(() => {
  for (const display of shown.splice(0)) display.disconnect();
  document.body.replaceChildren();
});

interface Made {
  url: string;
  main: boolean;
  socket: ConsoleSocket;
  sent: Buffer[];
  closed: number;
}

function open() {
  const box = document.createElement('div');
  document.body.append(box);
  const made: Made[] = [];
  const errors: string[] = [];
  const display = openSpiceDisplay({
    box,
    socket: (url, main) => {
      const entry: Made = { url, main, sent: [], closed: 0, socket: undefined as never };
      entry.socket = new ConsoleSocket(
        {
          send: (b) => entry.sent.push(Buffer.from(b, 'base64')),
          close: () => (entry.closed += 1),
        },
        url,
      );
      made.push(entry);
      return entry.socket;
    },
    onConnect: () => undefined,
    onError: (said) => errors.push(said),
  });
  shown.push(display);
  return { box, made, errors, display };
}

describe('a SPICE display', () => {
  it('takes its first socket as the main channel: the link goes out once it is open', () => {
    const { box, made } = open();
    expect(box.querySelector('.spice-screen')).not.toBeNull();
    expect(made.map((m) => m.main)).toEqual([true]);
    const main = made[0];
    if (main === undefined) throw new Error('no main socket');
    expect(main.url).toMatch(/^federator-spice:\/\/display-\d+$/);
    expect(main.sent).toEqual([]);
    main.socket.opened();
    expect(main.sent).toHaveLength(1);
    const link = main.sent[0] ?? Buffer.alloc(0);
    expect(link.subarray(0, 4).toString('latin1')).toBe('REDQ');
    expect(link.readUInt32LE(4)).toBe(2); // SPICE protocol 2
    expect(link.readUInt8(16 + 4)).toBe(1); // channel type: main
  });

  it("gives each further WebSocket of its URL (spice-html5's next channels) a socket of its own, and leaves every other URL alone", () => {
    const first = open();
    const second = open();
    const url = first.made[0]?.url ?? '';
    // What SpiceMainConn does for each channel the server lists: a WebSocket to the first's url.
    const channel = new WebSocket(url, 'binary');
    expect(channel).toBeInstanceOf(ConsoleSocket);
    expect(first.made.map((m) => [m.url, m.main])).toEqual([
      [url, true],
      [url, false],
    ]);
    expect(second.made).toHaveLength(1);
    const real = new WebSocket('ws://127.0.0.1:9/');
    expect(real).not.toBeInstanceOf(ConsoleSocket);
    expect(real.url).toBe('ws://127.0.0.1:9/');
    real.close();
    first.display.disconnect();
    expect(() => new WebSocket(url)).toThrow('that SPICE display is closed');
    expect(first.box.querySelector('.spice-screen')).toBeNull();
    expect(first.made.map((m) => m.closed)).toEqual([1, 0]); // stop() closes what it opened
  });

  it('scales the picture to the box with a transform, or shows it at its own size', () => {
    const { box, display } = open();
    Object.defineProperty(box, 'clientWidth', { value: 400 });
    Object.defineProperty(box, 'clientHeight', { value: 200 });
    const screen = box.querySelector<HTMLElement>('.spice-screen');
    const canvas = document.createElement('canvas');
    canvas.width = 720;
    canvas.height = 400;
    screen?.append(canvas);
    display.setScale(true);
    expect(screen?.style.transform).toBe('translate(20px, 0px) scale(0.5)'); // centred
    expect(box.classList.contains('is-fit')).toBe(true);
    display.setScale(false);
    expect(screen?.style.transform).toBe('');
    expect(box.classList.contains('is-fit')).toBe(false);
  });
});

describe("spice-html5's surfaces", () => {
  it('are removed as the display holds them, with the tab gone from the document or another display open', () => {
    open(); // installs the display's own delete_surface
    const canvas = (id: string) => Object.assign(document.createElement('canvas'), { id });
    const other = canvas('spice_surface_0');
    document.body.append(other); // another display's primary surface, first in the document
    const detached = document.createElement('div');
    const ours = canvas('spice_surface_0');
    detached.append(ours);
    let unhooked = 0;
    const display = {
      surfaces: { 0: { canvas: ours } },
      primary_surface: 0,
      unhook_events: () => (unhooked += 1),
    } as unknown as SpiceDisplayConn;
    SpiceDisplayConn.prototype.delete_surface.call(display, 0);
    expect(detached.children).toHaveLength(0);
    expect(other.isConnected).toBe(true);
    expect(unhooked).toBe(1);
    expect(display.surfaces).toEqual({});
    expect(display.primary_surface).toBeUndefined();
  });
});
