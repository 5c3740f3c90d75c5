/**
 * @greengraph/client: the typed SDK. Everything a client app needs, and
 * nothing that ties it to Node: `fetch` is the only I/O.
 */
export {
  createClient,
  type ClientOptions,
  type GreengraphClient,
  type OperationFunction,
  type RequestOptions,
  type SubscriptionFunction,
} from './createClient.js';
export { GreengraphError, type GraphQLErrorEntry, type GreengraphErrorCode, type GreengraphErrorKind } from './GreengraphError.js';
export * from './generated/operations.js';
