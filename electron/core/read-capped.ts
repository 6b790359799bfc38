import { open, stat } from 'node:fs/promises';
import { formatBytes } from '../../shared/words';

/** A file we would not read whole: too big for what it claims to be, or not a file at all. */
export class FileRefusedError extends Error {
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(reason);
    this.name = 'FileRefusedError';
  }
}

/**
 * Read a whole file of at most `maxBytes`. Never more than `maxBytes + 1` bytes are read, so a
 * file that is huge, or grows while we read it, costs no more memory than the limit; anything but
 * a regular file (/dev/zero, a FIFO that would block) is refused before it is opened. The error's
 * message is the reason alone ("it is larger than 64 KiB"), for the caller's own sentence that
 * names the file and what it was for.
 */
export async function readFileCapped(path: string, maxBytes: number): Promise<Buffer> {
  if (!(await stat(path)).isFile()) throw new FileRefusedError(path, 'it is not a regular file');
  const tooLarge = (): FileRefusedError =>
    new FileRefusedError(path, `it is larger than ${formatBytes(maxBytes)}`);
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    if (size > maxBytes) throw tooLarge();
    // One byte more than we expect: reading it means the file grew past what stat said.
    let buffer = Buffer.alloc(Math.min(maxBytes, Math.max(size, 16 * 1024)) + 1);
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length > maxBytes) throw tooLarge();
        const bigger = Buffer.alloc(Math.min(maxBytes + 1, buffer.length * 2));
        buffer.copy(bigger, 0, 0, length);
        buffer = bigger;
      }
      const { bytesRead } = await file.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) return buffer.subarray(0, length);
      length += bytesRead;
    }
  } finally {
    await file.close();
  }
}
