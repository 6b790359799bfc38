import type { z } from 'zod';
import type { HostId } from '../../../../shared/domain/ids';
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

/** Where a figure came from, to name it when it is refused. */
export interface FigureSource {
  command: string;
  /** The field, in the host's own words: "vcpu.current of domain \"web-1\"", "<memory>" … */
  what: string;
  output: string;
}

/**
 * A figure read from a host, checked against the domain's bounds (shared/domain/host-figures):
 * Infinity, 2^60 vCPUs or a negative size is a broken host, refused in words rather than passed on.
 * `shown` is the text as the host printed it, so the message shows that, not a rounded double.
 */
export function boundedFigure(
  value: number,
  bounds: z.ZodType<number>,
  source: FigureSource,
  shown: string = String(value),
): number {
  if (bounds.safeParse(value).success) return value;
  const text = shown.length > 40 ? `${shown.slice(0, 40)}…` : shown;
  throw parseError(source.command, `${source.what} is out of range (${text})`, source.output);
}

/**
 * Run a parser of one host's output; its error gets the action and the host in front
 * ("Couldn't read the details of VM 'x' on hv1: Unexpected output from …"), code and detail kept.
 */
export function parsedOnHost<T>(
  host: { hostId: HostId; hostName: string },
  doing: string,
  parse: () => T,
): T {
  try {
    return parse();
  } catch (thrown) {
    const error = AppError.from(thrown);
    throw new AppError(error.code, `Couldn't ${doing} ${host.hostName}: ${error.message}`, {
      hostId: host.hostId,
      ...(error.detail === undefined ? {} : { detail: error.detail }),
    });
  }
}
