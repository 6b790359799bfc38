import { AppError } from '../../../../shared/errors';

const EXCERPT = 2_000;

/**
 * A command's output did not have the shape we rely on. Thrown by the parsers (pure functions):
 * the message names the command, the detail keeps an excerpt of what was actually printed, and the
 * driver adds the host. Better a visible error than a VM silently shown wrong.
 */
export function parseError(command: string, why: string, output: string): AppError {
  const excerpt = output.length > EXCERPT ? `${output.slice(0, EXCERPT)}…` : output;
  return new AppError('parse-error', `Unexpected output from \`${command}\`: ${why}`, {
    detail: excerpt === '' ? '(no output)' : excerpt,
  });
}
