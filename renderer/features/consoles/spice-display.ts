import { SpiceMainConn } from '@spice-project/spice-html5/src/main.js';
import { SpiceDisplayConn } from '@spice-project/spice-html5/src/display.js';
import { Constants } from '@spice-project/spice-html5/src/enums.js';
import { KeyNames } from '@spice-project/spice-html5/src/atKeynames.js';
import {
  SpiceMiniData,
  SpiceMsgcKeyDown,
  SpiceMsgcKeyUp,
} from '@spice-project/spice-html5/src/spicemsg.js';
import type { ConsoleSocket } from './console-socket';

/**
 * A SPICE display drawn by spice-html5. SPICE opens one connection per channel (main, then
 * display, inputs, cursor… as the main channel lists them), each with `new WebSocket(url)`.
 * Here each one is a ConsoleSocket over its own SSH-forwarded stream: the window's WebSocket is
 * wrapped once so that a URL of this module's own scheme gets the display's next socket, and every
 * other URL (the web console's own socket) a real WebSocket, untouched.
 */
const SCHEME = 'federator-spice:';
const displays = new Map<string, () => ConsoleSocket>();
let installed = false;
let counter = 0;

function install(): void {
  if (installed) return;
  installed = true;
  // spice-html5 finds a surface's canvas to remove by its document id (spice_surface_0, the same
  // in every display) and its screen by id too: with the tab already gone from the document (React
  // removes it before the cleanup runs), or a second SPICE display in the window, that finds
  // nothing or the other display's. The display keeps each surface's canvas: it is removed as is.
  SpiceDisplayConn.prototype.delete_surface = function (this: SpiceDisplayConn, surfaceId: number) {
    const canvas = this.surfaces[surfaceId]?.canvas;
    if (this.primary_surface === surfaceId) {
      this.unhook_events();
      this.primary_surface = undefined;
      canvas?.remove();
    }
    delete this.surfaces[surfaceId];
  };
  const Real = globalThis.WebSocket;
  globalThis.WebSocket = new Proxy(Real, {
    construct(target, args: unknown[], newTarget: unknown) {
      const url = String(args[0]);
      const next = url.startsWith(SCHEME) ? displays.get(url) : undefined;
      if (next !== undefined) return next();
      if (url.startsWith(SCHEME)) throw new Error('that SPICE display is closed');
      return Reflect.construct(target, args, newTarget as typeof Real) as object;
    },
  });
}

export interface SpiceDisplay {
  ctrlAltDel(): void;
  /** Shrink (or grow) the picture to the box, or show it at its own size with scroll bars. */
  setScale(fit: boolean): void;
  focus(): void;
  disconnect(): void;
}

export interface SpiceDisplayOptions {
  /** The box the display fills: its screen (the canvas's parent) is made inside it. */
  box: HTMLElement;
  /**
   * A socket for each channel, all to `url`: the first (`main`) over the stream the core opened
   * already, each further one opened in the core as part of this display. spice-html5 listens to
   * the first once openSpiceDisplay returns: then it may be opened.
   */
  socket: (url: string, main: boolean) => ConsoleSocket;
  onConnect: () => void;
  /** spice-html5's failure (the main channel's), as it says it. */
  onError: (said: string) => void;
}

export function openSpiceDisplay(options: SpiceDisplayOptions): SpiceDisplay {
  install();
  counter += 1;
  const url = `${SCHEME}//display-${counter}`;
  let first = true;
  displays.set(url, () => {
    const main = first;
    first = false;
    return options.socket(url, main);
  });
  const screen = document.createElement('div');
  screen.id = `spice-screen-${counter}`;
  screen.className = 'spice-screen';
  options.box.append(screen);
  options.box.classList.add('spice-box');

  let fit = true;
  const layout = (): void => {
    const canvas = screen.querySelector('canvas');
    const width = canvas?.width ?? 0;
    const height = canvas?.height ?? 0;
    options.box.classList.toggle('is-fit', fit);
    if (!fit || width === 0 || height === 0) {
      screen.style.transform = '';
      return;
    }
    const scale = Math.min(options.box.clientWidth / width, options.box.clientHeight / height);
    // A transform (not a CSS size): the canvas keeps its own pixels, and the pointer's offsetX/Y,
    // which spice-html5 sends as the guest's coordinates, stay in them. Centred, as noVNC's is.
    const left = Math.max(0, (options.box.clientWidth - width * scale) / 2);
    screen.style.transform =
      Number.isFinite(scale) && scale > 0 ? `translate(${left}px, 0px) scale(${scale})` : '';
  };
  const resized = new ResizeObserver(layout);
  resized.observe(options.box);
  const surfaces = new MutationObserver(layout);
  surfaces.observe(screen, { childList: true, subtree: true, attributes: true });

  let connection: SpiceMainConn | undefined;
  try {
    connection = new SpiceMainConn({
      uri: url,
      password: '',
      screen_id: screen.id,
      onerror: (error) => options.onError(error.message),
      onsuccess: () => options.onConnect(),
    });
  } catch (thrown) {
    options.onError(thrown instanceof Error ? thrown.message : String(thrown));
  }

  return {
    ctrlAltDel: () => {
      const inputs = connection?.inputs;
      if (inputs?.state !== 'ready') return;
      const { KEY_LCtrl, KEY_Alt, KEY_KP_Decimal } = KeyNames;
      const press = (code: number, down: boolean) => {
        const key = down ? new SpiceMsgcKeyDown() : new SpiceMsgcKeyUp();
        key.code = down ? code : 0x80 | code;
        const message = new SpiceMiniData();
        message.build_msg(
          down ? Constants.SPICE_MSGC_INPUTS_KEY_DOWN : Constants.SPICE_MSGC_INPUTS_KEY_UP,
          key,
        );
        inputs.send_msg(message);
      };
      for (const code of [KEY_LCtrl, KEY_Alt, KEY_KP_Decimal]) press(code, true);
      for (const code of [KEY_KP_Decimal, KEY_Alt, KEY_LCtrl]) press(code, false);
    },
    setScale: (value) => {
      fit = value;
      layout();
    },
    focus: () => screen.querySelector('canvas')?.focus(),
    disconnect: () => {
      displays.delete(url);
      resized.disconnect();
      surfaces.disconnect();
      try {
        connection?.stop(); // closes every channel's socket, which closes its stream in the core
      } catch (thrown) {
        // A client that fails to tidy up must not take the window with it; its streams end with
        // the main one, which the core closes with the tab (or after CONSOLE_IDLE_MS).
        console.warn('spice-html5 failed to stop', thrown);
      } finally {
        connection = undefined;
        screen.remove();
        options.box.classList.remove('spice-box', 'is-fit');
      }
    },
  };
}
