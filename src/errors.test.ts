import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { ErrorCode, formatError } from './errors.js';

const shown = (error: GraphQLError) => formatError({ message: error.message, extensions: error.extensions }, error, () => undefined);

describe('formatError', () => {
  it('passes on every declared code as raised, without a stack trace', () => {
    for (const code of Object.values(ErrorCode).filter((c) => c !== ErrorCode.INTERNAL_SERVER_ERROR)) {
      const error = new GraphQLError(`refused: ${code}`, { extensions: { code, stacktrace: ['at secret.ts:1'] } });
      expect(shown(error), code).toEqual({ message: `refused: ${code}`, extensions: { code } });
    }
  });

  it('masks an error whose code is not declared, and logs it', () => {
    const logged: unknown[] = [];
    const error = new GraphQLError('MATCH (n) leaked Cypher', { extensions: { code: 'SOMETHING_NEW' } });
    const result = formatError({ message: error.message, extensions: error.extensions }, error, (_message, original) => logged.push(original));
    expect(result).toEqual({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(logged).toEqual([error]);
  });
});
