import type { HostProblem } from '../../../shared/domain/host';
import type { AppError } from '../../../shared/errors';
import { KeyFileError } from '../ssh/key-file-error';

/** The Host's `problem` for an error: its code and words, plus what the key file lacks, if anything. */
export function problemOf(error: AppError): HostProblem {
  const passphrase = error instanceof KeyFileError ? error.passphrase : undefined;
  return {
    code: error.code,
    message: error.message,
    ...(error.detail === undefined ? {} : { detail: error.detail }),
    ...(passphrase === undefined ? {} : { passphrase }),
  };
}
