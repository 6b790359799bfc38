import type {
  ParsedRequestOf,
  RequestChannel,
  ResponseOf,
} from '../../../shared/contract/requests';

/** One handler per request of the contract: a missing or extra key is a compile error. */
export type Handlers = {
  [C in RequestChannel]: (req: ParsedRequestOf<C>) => Promise<ResponseOf<C>>;
};
