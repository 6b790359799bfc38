import { CONSOLE_INPUT_CHARS } from '../../../shared/domain/console';

/** Bytes per input request: base64 makes 4 characters of 3 bytes, so a piece is CONSOLE_INPUT_CHARS. */
const PIECE_BYTES = (CONSOLE_INPUT_CHARS / 4) * 3;

type SocketState = 'connecting' | 'open' | 'closing' | 'closed';

interface CloseDetail {
  code: number;
  reason: string;
  wasClean: boolean;
}

/**
 * A graphical console's byte stream shaped like the WebSocket its client expects: the core's
 * stream, whose bytes come as console:output events and go back as base64 console:input requests.
 * noVNC takes it as a raw channel and checks these properties by name, so each is an own field and
 * it hears through `on…` handlers; spice-html5 builds WebSockets itself (see spice-display.ts),
 * listens with addEventListener and reads `url`, so both are served. `send` may get a view of a
 * buffer its caller reuses: the bytes are encoded at once.
 */
export class ConsoleSocket extends EventTarget {
  binaryType = 'arraybuffer';
  protocol = '';
  readyState: SocketState = 'connecting';
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: { data: ArrayBuffer }) => void) | null = null;
  onclose: ((event: CloseDetail) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;

  constructor(
    private readonly io: { send(base64: string): void; close(): void },
    readonly url = '',
  ) {
    super();
  }

  /** The core opened the stream: the client may start its handshake. */
  opened(): void {
    if (this.readyState !== 'connecting') return;
    this.readyState = 'open';
    this.onopen?.(new Event('open'));
    this.dispatchEvent(new Event('open'));
  }

  /** Bytes from the guest's display, handed over in order (the client reads them at once). */
  receive(bytes: Uint8Array): void {
    if (this.readyState !== 'open') return;
    const copy = new Uint8Array(bytes.length);
    copy.set(bytes);
    this.onmessage?.({ data: copy.buffer });
    this.dispatchEvent(Object.assign(new Event('message'), { data: copy.buffer }));
  }

  /** The core's side ended (the VM stopped, the host went away): `reason` in words, if any. */
  ended(reason?: string): void {
    if (this.readyState === 'closed') return;
    this.readyState = 'closed';
    this.closed({
      code: reason === undefined ? 1000 : 1011,
      reason: reason ?? '',
      wasClean: reason === undefined,
    });
  }

  send(data: ArrayBuffer | ArrayBufferView): void {
    if (this.readyState !== 'open') return;
    const bytes =
      data instanceof ArrayBuffer
        ? new Uint8Array(data)
        : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    for (let at = 0; at < bytes.length; at += PIECE_BYTES) {
      this.io.send(toBase64(bytes.subarray(at, at + PIECE_BYTES)));
    }
  }

  /** The client disconnects: the core closes the stream. */
  close(): void {
    if (this.readyState === 'closed' || this.readyState === 'closing') return;
    this.readyState = 'closed';
    this.io.close();
    this.closed({ code: 1000, reason: '', wasClean: true });
  }

  private closed(detail: CloseDetail): void {
    this.onclose?.(detail);
    this.dispatchEvent(Object.assign(new Event('close'), detail));
  }
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let at = 0; at < bytes.length; at += 4096) {
    binary += String.fromCharCode(...bytes.subarray(at, at + 4096));
  }
  return btoa(binary);
}
