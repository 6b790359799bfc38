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
    throw new AppError(
      'invalid-request',
      `Invalid ${channel} request: ${describeIssues(parsed.error.issues)}`,
      {
        detail: JSON.stringify(parsed.error.issues, null, 2),
      },
    );
  }
  return handlers[channel](parsed.data as ParsedRequestOf<C>);
}

/** "address: Address is required; port: Too big …": the field first, so the window can point at it. */
function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .slice(0, 5)
    .map(
      (issue) =>
        `${issue.path.length > 0 ? issue.path.map(String).join('.') : 'request'}: ${issue.message}`,
    )
    .join('; ');
}
