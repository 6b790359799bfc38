import type { z } from 'zod';
import type { Envelope } from '../../shared/contract/envelope';
import {
  requests,
  type ParsedRequestOf,
  type RequestChannel,
} from '../../shared/contract/requests';
import { AppError } from '../../shared/errors';
import type { Handlers } from './handlers/handler-types';

/** What both shells call: a channel name and an untrusted payload in, an envelope out. */
export type Router = (channel: string, payload: unknown) => Promise<Envelope<unknown>>;

/**
 * Transport-neutral dispatch: the channel must be in the contract, the payload must match its
 * schema (defaults applied), and whatever the handler throws comes back as AppError data, because
 * IPC would keep only the message of a thrown error.
 */
export function createRouter(handlers: Handlers): Router {
  return async (channel, payload) => {
    try {
      if (!isRequestChannel(channel)) {
        throw new AppError(
          'invalid-request',
          `Unknown request ${JSON.stringify(channel).slice(0, 100)}`,
        );
      }
      return { ok: true, value: await dispatch(handlers, channel, payload) };
    } catch (error) {
      return { ok: false, error: AppError.from(error).toData() };
    }
  };
}

function isRequestChannel(channel: string): channel is RequestChannel {
  return Object.hasOwn(requests, channel);
}

function dispatch<C extends RequestChannel>(
  handlers: Handlers,
  channel: C,
  payload: unknown,
): Promise<unknown> {
  const parsed = requests[channel].req.safeParse(payload);
  if (!parsed.success) {
    const { issues } = parsed.error;
    throw new AppError('invalid-request', `Invalid ${channel} request: ${describeIssues(issues)}`, {
      detail: detailOf(issues),
    });
  }
  return handlers[channel](parsed.data as ParsedRequestOf<C>);
}

/**
 * The answer to a bad request is bounded whatever the request: a few issues, each clipped. An echo
 * of every issue of a 1 MiB request was a hundred times its size and took seconds to write.
 */
const SHOWN_ISSUES = 5;
const DETAIL_ISSUES = 10;
const MAX_DETAIL_CHARS = 4000;

/** "address: Address is required; port: Too big …": the field first, so the window can point at it. */
function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  const shown = issues
    .slice(0, SHOWN_ISSUES)
    .map((issue) => `${pathOf(issue)}: ${clip(issue.message, 200)}`)
    .join('; ');
  return issues.length > SHOWN_ISSUES
    ? `${shown}; and ${issues.length - SHOWN_ISSUES} more`
    : shown;
}

function detailOf(issues: readonly z.core.$ZodIssue[]): string {
  const kept = issues.slice(0, DETAIL_ISSUES).map((issue) => ({
    path: pathOf(issue),
    code: issue.code,
    message: clip(issue.message, 200),
  }));
  const more = issues.length - kept.length;
  const text = JSON.stringify(kept, null, 2) + (more > 0 ? `\n… and ${more} more issues` : '');
  return clip(text, MAX_DETAIL_CHARS);
}

/** A key of a hostile record can be as long as the message: each path element is clipped. */
function pathOf(issue: z.core.$ZodIssue): string {
  if (issue.path.length === 0) return 'request';
  return clip(issue.path.map((part) => clip(String(part), 40)).join('.'), 120);
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
