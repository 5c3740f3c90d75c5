import { GraphQLError } from 'graphql';
import { ErrorCode } from '../errors.js';
import type { Problem } from './validate.js';

/**
 * BAD_USER_INPUT for a write: the message and `extensions.field` name the
 * first problem; `extensions.problems` lists every one, so a client can
 * mark all the wrong fields at once.
 */
export function invalidInput(problems: readonly Problem[]): GraphQLError {
  const [first] = problems;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
  return new GraphQLError(`${first?.field}: ${first?.message}${more}`, {
    extensions: { code: ErrorCode.BAD_USER_INPUT, argument: 'input', field: first?.field, problems },
  });
}
