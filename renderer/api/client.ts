import { AppError } from '../../shared/errors';
import type { Bridge } from '../../shared/contract/bridge';
import { unwrap } from '../../shared/contract/envelope';
import type { RequestChannel, RequestOf, ResponseOf } from '../../shared/contract/requests';

/** Typed calls into the core that either return the value or throw a real AppError. */
export interface Client {
  call<C extends RequestChannel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>>;
}

export function createClient(bridge: Bridge): Client {
  return {
    async call(channel, request) {
      let envelope;
      try {
        envelope = await bridge.invoke(channel, request);
      } catch (thrown) {
        // A bridge that throws (rather than answering with an envelope) is a transport bug.
        throw AppError.from(thrown);
      }
      return unwrap(envelope);
    },
  };
}
