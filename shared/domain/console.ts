import { z } from 'zod';

/** A serial console the core holds open for a window: an opaque id, unique per console start. */
export const ConsoleId = z.string().min(1).max(64);
export type ConsoleId = z.infer<typeof ConsoleId>;

/** A terminal's size in cells, as xterm.js measures it. */
export const TerminalCells = z.object({
  cols: z.number().int().min(2).max(1000),
  rows: z.number().int().min(1).max(500),
});

/**
 * Bytes a console may send that the window has not acknowledged yet: past this the core stops
 * reading the console's channel (the SSH window fills and the guest's serial line waits), so a
 * guest printing without end costs bounded memory, not a window that freezes.
 */
export const CONSOLE_UNACKED_BYTES = 256 * 1024;
/** The largest piece of output one event carries (before base64). */
export const CONSOLE_CHUNK_BYTES = 32 * 1024;
/** The largest input one request carries (a paste is cut into pieces of this). */
export const CONSOLE_INPUT_CHARS = 16 * 1024;
/**
 * A console the window has not heard of (no ack, input or keepalive) for this long is closed:
 * its window was closed or reloaded without saying so.
 */
export const CONSOLE_IDLE_MS = 60_000;
/** How often an open console's window says it is still there. */
export const CONSOLE_KEEPALIVE_MS = 15_000;

/** What a graphical console speaks: noVNC draws VNC's RFB, spice-html5 draws SPICE. */
export const GraphicsProtocol = z.enum(['vnc', 'spice']);
export type GraphicsProtocol = z.infer<typeof GraphicsProtocol>;
/**
 * A SPICE display opens one TCP connection per channel (main, display, inputs, cursor, and
 * playback, record, ports or usbredir where the guest has them), all to the same port: the first
 * is the console, the others belong to it. At most this many in all per display.
 */
export const SPICE_MAX_CHANNELS = 8;
