import { AppError } from '../../../shared/errors';

/**
 * A key file we could not use. `passphrase` says, as data, that the key is encrypted and its
 * passphrase was not given or did not open it: the window offers a passphrase field on that alone.
 */
export class KeyFileError extends AppError {
  readonly passphrase: 'missing' | 'wrong' | undefined;
  constructor(
    message: string,
    options: { detail?: string; passphrase?: 'missing' | 'wrong'; cause?: unknown } = {},
  ) {
    super('key-file', message, {
      retryable: false,
      ...(options.detail === undefined ? {} : { detail: options.detail }),
      ...(options.cause === undefined ? {} : { cause: options.cause }),
    });
    this.name = 'KeyFileError';
    this.passphrase = options.passphrase;
  }
}
