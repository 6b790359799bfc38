import { constants, createPublicKey, publicEncrypt } from 'node:crypto';

// The first steps of the SPICE protocol (spice-protocol's spice/protocol.h), as a test speaks them
// to a display reached through the console's channel: the link (whose reply starts with the magic
// "REDQ"), the ticket (the password, RSA-OAEP-encrypted with the key the link reply carries) and,
// on the main channel, the messages that name the session and the display's other channels.

export const SPICE_MAGIC = 'REDQ';
export const SPICE_CHANNEL = { main: 1, display: 2, inputs: 3, cursor: 4 } as const;
const CAP_AUTH_SELECTION = 0;
const CAP_AUTH_SPICE = 1;
const CAP_MINI_HEADER = 3;
const PUBKEY_BYTES = 162;
export const SPICE_LINK_ERR_PERMISSION_DENIED = 7;
export const SPICE_MSG_MAIN_INIT = 103;
export const SPICE_MSG_MAIN_CHANNELS_LIST = 104;
export const SPICE_MSGC_MAIN_ATTACH_CHANNELS = 104;

/** SpiceLinkHeader + SpiceLinkMess for one channel, with the caps spice-html5 sends. */
export function spiceLink(channelType: number, connectionId = 0, channelId = 0): Buffer {
  const mess = Buffer.alloc(18 + 4);
  mess.writeUInt32LE(connectionId, 0);
  mess.writeUInt8(channelType, 4);
  mess.writeUInt8(channelId, 5);
  mess.writeUInt32LE(1, 6); // common caps
  mess.writeUInt32LE(0, 10); // channel caps
  mess.writeUInt32LE(18, 14); // caps offset
  mess.writeUInt32LE((1 << CAP_AUTH_SELECTION) | (1 << CAP_MINI_HEADER), 18);
  const header = Buffer.alloc(16);
  header.write(SPICE_MAGIC, 0, 'latin1');
  header.writeUInt32LE(2, 4);
  header.writeUInt32LE(2, 8);
  header.writeUInt32LE(mess.length, 12);
  return Buffer.concat([header, mess]);
}

export interface LinkHeader {
  magic: string;
  major: number;
  minor: number;
  size: number;
}

export function linkHeader(bytes: Buffer): LinkHeader {
  return {
    magic: bytes.subarray(0, 4).toString('latin1'),
    major: bytes.readUInt32LE(4),
    minor: bytes.readUInt32LE(8),
    size: bytes.readUInt32LE(12),
  };
}

/** SpiceLinkReply: its error (0: go on) and the server's public key for the ticket. */
export function linkReply(bytes: Buffer): { error: number; publicKey: Buffer } {
  return { error: bytes.readUInt32LE(0), publicKey: bytes.subarray(4, 4 + PUBKEY_BYTES) };
}

/** The auth mechanism (SPICE's own ticket) and the password encrypted with the server's key. */
export function spiceTicket(publicKey: Buffer, password = ''): Buffer {
  const mechanism = Buffer.alloc(4);
  mechanism.writeUInt32LE(CAP_AUTH_SPICE, 0);
  const encrypted = publicEncrypt(
    {
      key: createPublicKey({ key: publicKey, format: 'der', type: 'spki' }),
      padding: constants.RSA_PKCS1_OAEP_PADDING,
    },
    Buffer.from(`${password}\0`, 'utf8'),
  );
  return Buffer.concat([mechanism, encrypted]);
}

/** A message with the mini header (type u16, size u32) and its body. */
export function spiceMessage(type: number, body: Buffer = Buffer.alloc(0)): Buffer {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(type, 0);
  header.writeUInt32LE(body.length, 2);
  return Buffer.concat([header, body]);
}

/** The channels a main channel's CHANNELS_LIST names, as [type, id] pairs. */
export function channelsList(body: Buffer): [number, number][] {
  const count = Math.min(body.readUInt32LE(0), 64);
  const list: [number, number][] = [];
  for (let i = 0; i < count; i += 1)
    list.push([body.readUInt8(4 + 2 * i), body.readUInt8(5 + 2 * i)]);
  return list;
}
