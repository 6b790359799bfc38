import { AppError } from '../../shared/errors';
import type { EventLog } from './events/event-log';

/**
 * The last line of defence. A promise rejection nobody handles ends a Node process (the web shell)
 * and raises an error box in Electron's main process. Every path from a socket or a host catches
 * its own failures; this only makes sure that a slip becomes an error line in the event log, with
 * its stack, instead of a console that is gone. Uncaught exceptions are left to the runtime: Node
 * documents that carrying on after one is unsafe.
 */
export function logStrayRejections(
  log: Pick<EventLog, 'append'>,
  target: NodeJS.EventEmitter = process,
): () => void {
  const listener = (reason: unknown): void => {
    const error = AppError.from(reason);
    log.append({
      level: 'error',
      message: `Internal error (the console kept running): ${error.message}`,
      ...(error.detail === undefined ? {} : { detail: error.detail }),
    });
  };
  target.on('unhandledRejection', listener);
  return () => target.off('unhandledRejection', listener);
}
