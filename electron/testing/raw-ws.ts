import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';

/**
 * A WebSocket client that writes its own bytes, for abuse tests: the frames a well-behaved library
 * would never send (bad UTF-8, missing mask, reserved bits, oversized lengths) go out as written.
 */
export interface RawSocket {
  socket: Socket;
  /** Resolves when the server has closed the TCP connection (or after `timeoutMs`: false). */
  closed(timeoutMs: number): Promise<boolean>;
}

export interface FrameSpec {
  opcode: number;
  payload?: Buffer;
  fin?: boolean;
  /** RSV1..RSV3 as the high bits of the first byte (0x40, 0x20, 0x10). */
  rsv?: number;
  /** Clients must mask; false writes the payload bare. */
  mask?: boolean;
  /** Claim this payload length in the header instead of the real one. */
  claimedLength?: number;
}

/** One frame as RFC 6455 §5.2 lays it out. */
export function frame(spec: FrameSpec): Buffer {
  const payload = spec.payload ?? Buffer.alloc(0);
  const length = spec.claimedLength ?? payload.length;
  const masked = spec.mask ?? true;
  const first = ((spec.fin ?? true) ? 0x80 : 0) | (spec.rsv ?? 0) | (spec.opcode & 0x0f);
  let header: Buffer;
  if (length < 126) {
    header = Buffer.from([first, (masked ? 0x80 : 0) | length]);
  } else if (length < 65536) {
    header = Buffer.alloc(4);
    header.writeUInt8(first, 0);
    header.writeUInt8((masked ? 0x80 : 0) | 126, 1);
    header.writeUInt16BE(length, 2);
  } else {
    header = Buffer.alloc(10);
    header.writeUInt8(first, 0);
    header.writeUInt8((masked ? 0x80 : 0) | 127, 1);
    header.writeBigUInt64BE(BigInt(length), 2);
  }
  if (!masked) return Buffer.concat([header, payload]);
  const key = randomBytes(4);
  const body = Buffer.from(payload);
  for (let i = 0; i < body.length; i++) body[i] = (body[i] ?? 0) ^ (key[i % 4] ?? 0);
  return Buffer.concat([header, key, body]);
}

/** A text frame carrying one invoke of the contract. */
export function invokeFrame(id: number, channel: string, request: unknown): Buffer {
  const text = JSON.stringify({ type: 'invoke', id, channel, request });
  return frame({ opcode: 1, payload: Buffer.from(text) });
}

/** The upgrade request a browser on the console's own page would send. */
export function upgradeRequest(port: number, token: string): string {
  return [
    `GET /ws?token=${encodeURIComponent(token)} HTTP/1.1`,
    `Host: 127.0.0.1:${port}`,
    `Origin: http://127.0.0.1:${port}`,
    'Upgrade: websocket',
    'Connection: Upgrade',
    `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
    'Sec-WebSocket-Version: 13',
    '',
    '',
  ].join('\r\n');
}

/** A TCP connection to the console, errors swallowed: the attacker does not care how it ends. */
export function rawConnect(port: number): Promise<RawSocket> {
  const socket = connect({ host: '127.0.0.1', port });
  socket.on('error', () => undefined);
  // Read and drop what the server sends: a paused socket would never see the server's FIN.
  socket.resume();
  const ended = new Promise<void>((done) => socket.once('close', () => done()));
  const closed = (timeoutMs: number): Promise<boolean> =>
    Promise.race([
      ended.then(() => true),
      new Promise<boolean>((done) => setTimeout(() => done(false), timeoutMs).unref()),
    ]);
  return new Promise((ready, fail) => {
    socket.once('connect', () => ready({ socket, closed }));
    socket.once('error', fail);
  });
}

/**
 * Upgrade with `token` (right or wrong: a wrong one on the console's own Origin is accepted and then
 * closed with 4401, which still leaves a socket to send frames on) and wait for the 101.
 */
export async function rawUpgrade(port: number, token: string): Promise<RawSocket> {
  const raw = await rawConnect(port);
  raw.socket.write(upgradeRequest(port, token));
  await new Promise<void>((done, fail) => {
    let seen = '';
    const onData = (chunk: Buffer): void => {
      seen += chunk.toString('latin1');
      if (!seen.includes('\r\n\r\n')) return;
      raw.socket.off('data', onData);
      if (seen.startsWith('HTTP/1.1 101')) done();
      else fail(new Error(`upgrade refused: ${seen.split('\r\n')[0] ?? ''}`));
    };
    raw.socket.on('data', onData);
  });
  return raw;
}
