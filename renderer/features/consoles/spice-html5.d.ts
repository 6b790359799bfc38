// The part of spice-html5 (0.2.1, ES modules, no types) this window uses. Its SpiceMainConn opens
// every channel with `new WebSocket(uri, 'binary')`, and `uri` for the channels after the first is
// the first socket's `url` (see spice-display.ts for how those reach the core).
declare module '@spice-project/spice-html5/src/main.js' {
  export interface SpiceChannel {
    state: string;
    send_msg(message: unknown): void;
  }
  export interface SpiceMainConnOptions {
    uri: string;
    password: string;
    screen_id: string;
    onerror?: (error: Error) => void;
    onsuccess?: (message: string) => void;
  }
  export class SpiceMainConn {
    constructor(options: SpiceMainConnOptions);
    inputs?: SpiceChannel;
    stop(): void;
  }
}
declare module '@spice-project/spice-html5/src/spicemsg.js' {
  export class SpiceMiniData {
    build_msg(type: number, payload: unknown): void;
  }
  export class SpiceMsgcKeyDown {
    code: number;
  }
  export class SpiceMsgcKeyUp {
    code: number;
  }
}
declare module '@spice-project/spice-html5/src/enums.js' {
  export const Constants: {
    SPICE_MSGC_INPUTS_KEY_DOWN: number;
    SPICE_MSGC_INPUTS_KEY_UP: number;
  };
}
declare module '@spice-project/spice-html5/src/atKeynames.js' {
  export const KeyNames: { KEY_LCtrl: number; KEY_Alt: number; KEY_KP_Decimal: number };
}
declare module '@spice-project/spice-html5/src/display.js' {
  export interface SpiceSurface {
    canvas?: HTMLCanvasElement;
  }
  export class SpiceDisplayConn {
    surfaces: Record<number, SpiceSurface | undefined>;
    primary_surface: number | undefined;
    unhook_events(): void;
    delete_surface(surfaceId: number): void;
  }
}
