import { CONSOLE_INPUT_CHARS } from '../../../shared/domain/console';

/** Bytes per input request: base64 makes 4 characters of 3 bytes, so a piece is CONSOLE_INPUT_CHARS. */
const PIECE_BYTES = (CONSOLE_INPUT_CHARS / 4) * 3;

type ChannelState = 'connecting' | 'open' | 'closing' | 'closed';

/**
 * The raw channel noVNC speaks RFB over (it takes a WebSocket or anything shaped like an
 * RTCDataChannel): here the core's graphical console, whose bytes come as console:output events
 * and go back as base64 console:input requests. noVNC checks these properties by name, so each is
 * an own field. `send` gets a view of noVNC's send queue, which it reuses: the bytes are encoded at
 * once.
 */
export class RfbChannel {
  binaryType = 'arraybuffer';
  protocol = '';
  readyState: ChannelState = 'connecting';
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: { data: ArrayBuffer }) => void) | null = null;
  onclose: ((event: { code: number; reason: string; wasClean: boolean }) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;

  constructor(private readonly io: { send(base64: string): void; close(): void }) {}

  /** The core opened the stream: noVNC may start the handshake. */
  opened(): void {
    if (this.readyState !== 'connecting') return;
    this.readyState = 'open';
    this.onopen?.(new Event('open'));
  }

  /** Bytes from the guest's display, handed to noVNC in order (it reads them at once). */
  receive(bytes: Uint8Array): void {
    if (this.readyState !== 'open') return;
    const copy = new Uint8Array(bytes.length);
    copy.set(bytes);
    this.onmessage?.({ data: copy.buffer });
  }

  /** The core's side ended (the VM stopped, the host went away): `reason` in words, if any. */
  ended(reason?: string): void {
    if (this.readyState === 'closed') return;
    this.readyState = 'closed';
    this.onclose?.({
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

  /** noVNC disconnects: the core closes the stream. */
  close(): void {
    if (this.readyState === 'closed' || this.readyState === 'closing') return;
    this.readyState = 'closed';
    this.io.close();
    this.onclose?.({ code: 1000, reason: '', wasClean: true });
  }
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let at = 0; at < bytes.length; at += 4096) {
    binary += String.fromCharCode(...bytes.subarray(at, at + 4096));
  }
  return btoa(binary);
}
