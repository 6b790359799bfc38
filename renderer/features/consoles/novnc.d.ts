// The part of noVNC's RFB client this window uses (noVNC ships no types; @types/novnc__novnc
// describes an older layout, lib/rfb, while 1.7 exports core/rfb.js as the package itself).
declare module '@novnc/novnc' {
  export interface RfbOptions {
    shared?: boolean;
    credentials?: { username?: string; password?: string; target?: string };
  }
  export default class RFB extends EventTarget {
    constructor(target: HTMLElement, urlOrChannel: string | object, options?: RfbOptions);
    scaleViewport: boolean;
    resizeSession: boolean;
    focusOnClick: boolean;
    background: string;
    disconnect(): void;
    sendCtrlAltDel(): void;
    sendCredentials(credentials: { username?: string; password?: string }): void;
    focus(): void;
  }
}
