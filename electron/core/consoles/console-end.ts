import type { AppError } from '../../../shared/errors';

/** ANSI escape sequences (colours, cursor moves) that a terminal's tail carries. */
const ESC = String.fromCharCode(0x1b);
const BEL = String.fromCharCode(0x07);
const ANSI = new RegExp(`${ESC}\\[[0-9;?]*[A-Za-z]|${ESC}\\][^${BEL}]*${BEL}`, 'g');

/**
 * Why a console ended, in words, or undefined when it ended the normal way: the connection was
 * lost (the error says so), or its program failed (virsh's own "error: …" lines from the tail of
 * what the terminal showed: "The domain is not running").
 */
export function consoleEndWords(
  what: string,
  end: { code: number | null; error?: AppError },
  tail: string,
): string | undefined {
  if (end.error !== undefined) return `${what} ended: ${end.error.message}`;
  if (end.code === 0 || end.code === null) return undefined;
  const errors = tail
    .replace(ANSI, '')
    .split(/\r?\n|\r/)
    .map((line) => line.trim())
    .filter((line) => line.startsWith('error:'))
    .map((line) => line.slice('error:'.length).trim());
  const why = errors.length > 0 ? errors.join('; ') : `it ended with exit code ${end.code}`;
  return `${what} ended: ${why}`;
}
