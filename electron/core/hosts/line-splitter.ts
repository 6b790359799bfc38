import { StringDecoder } from 'node:string_decoder';

/**
 * Cuts a byte stream into lines. Bytes are decoded as a stream so that a UTF-8 character split
 * across two packets (a guest named "é" …) is not mangled into replacement characters.
 */
export class LineSplitter {
  private readonly decoder = new StringDecoder('utf8');
  private pending = '';

  push(chunk: Buffer): string[] {
    this.pending += this.decoder.write(chunk);
    const parts = this.pending.split('\n');
    this.pending = parts.pop() ?? '';
    return parts.map((line) => line.replace(/\r$/, ''));
  }

  /** What is left after the last newline, if anything. */
  flush(): string | undefined {
    const rest = this.pending + this.decoder.end();
    this.pending = '';
    return rest === '' ? undefined : rest;
  }
}
