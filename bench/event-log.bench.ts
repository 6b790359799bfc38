/**
 * What the event log holds when every line carries a huge detail (issue 10: 1,000 entries of 256 KiB
 * of libvirt or shell output each): the heap the log keeps after a full GC, the bytes pushed to each
 * window as `log:appended`, and the size of a `log:recent` reply of 1,000 lines.
 * Run by `npm run bench`; figures to read, not a pass/fail test.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createEventHub } from '../electron/core/events/event-hub';
import { createEventLog } from '../electron/core/events/event-log';

const ENTRIES = 1000;
const DETAIL_BYTES = 256 * 1024;
const log = (line: string): void => console.log(`event-log: ${line}`);

/** Prints the event log's memory and push figures at the numbers. */
export function run(): void {
  const gc = exposeGc();
  const hub = createEventHub((error) => {
    throw error;
  });
  let pushedBytes = 0;
  // One window: what the web shell sends it is the JSON of each entry (IPC's clone is about as big).
  hub.on('log:appended', (entry) => (pushedBytes += JSON.stringify(entry).length));
  gc();
  const before = process.memoryUsage().heapUsed;
  const eventLog = createEventLog(hub);
  for (let i = 0; i < ENTRIES; i++) {
    eventLog.append({ level: 'error', message: `line ${i}`, detail: distinctText(i) });
  }
  gc();
  const kept = process.memoryUsage().heapUsed - before;
  const reply = JSON.stringify(eventLog.recent(1000)).length;
  log(`${ENTRIES} lines with ${DETAIL_BYTES / 1024} KiB details each`);
  log(`heap kept by the log: ${mib(kept)} MiB`);
  log(`pushed to each window: ${mib(pushedBytes)} MiB (${mib(pushedBytes / ENTRIES)} MiB a line)`);
  log(`log:recent(1000) reply: ${mib(reply)} MiB, ${eventLog.recent(1000).length} lines`);
}

/** A flat string of its own per line: a repeated one would be shared and weigh nothing. */
function distinctText(i: number): string {
  const bytes = Buffer.alloc(DETAIL_BYTES, 97 + (i % 26));
  bytes.write(`${i} `);
  return bytes.toString('latin1');
}

function mib(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(2);
}

function exposeGc(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

if (import.meta.url === `file://${process.argv[1]}`) run();
