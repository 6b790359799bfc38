import { AppError, type AppErrorData } from '../errors';

/**
 * Every answer crosses the bridge as an envelope: Electron keeps only the message of a thrown error,
 * so the error travels as data and the window rebuilds a real AppError from it.
 */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: AppErrorData };

export function unwrap<T>(envelope: Envelope<T>): T {
  if (envelope.ok) return envelope.value;
  throw AppError.fromData(envelope.error);
}
