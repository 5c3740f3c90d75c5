/**
 * retractImport and retractSource (admin): the API's way to run a
 * retraction (retract.ts); `npm run import -- retract` is the operator's.
 */
import type { Context } from '../context.js';
import { requireRole } from '../auth/authenticate.js';
import { stampOf } from '../auth/apiKeys.js';
import type { Resolvers } from '../generated/resolvers.js';
import { readById, readList } from '../read/read.js';
import { readCommitted } from '../write/mutation.js';
import { Checker } from '../write/validate.js';
import { invalidInput } from '../write/validationError.js';
import { importByIdStatement } from './provenance.cypher.js';
import { retractImport, retractSource, RetractionRefused, type RetractOptions } from './retract.js';

/** Checks the arguments and the caller, then runs `retract`; refusals are BAD_USER_INPUT on `id`. */
async function runRetraction(
  ctx: Context,
  action: string,
  args: { id: string; reason: string },
  retract: (options: RetractOptions) => Promise<unknown>,
): Promise<void> {
  const credential = requireRole(ctx.auth, 'admin', action);
  const c = new Checker('');
  const raw = { ...args };
  c.id(raw, 'id');
  const reason = c.text(raw, 'reason', { required: true, max: 5000, multiline: true });
  if (c.problems.length) throw invalidInput(c.problems);
  try {
    await retract({ by: stampOf(credential), reason: reason! });
  } catch (error) {
    if (error instanceof RetractionRefused) throw invalidInput([{ field: 'id', message: error.message }]);
    throw error;
  } finally {
    ctx.loader.clearAll();
  }
}

export const retractMutations: Resolvers = {
  Mutation: {
    retractImport: async (_parent, args, ctx, info) => {
      await runRetraction(ctx, 'retractImport', args, (options) => retractImport(ctx.db, args.id, options));
      return readCommitted('the import', async () => (await readList(ctx, info, importByIdStatement(args.id)))[0] ?? null);
    },
    retractSource: async (_parent, args, ctx, info) => {
      await runRetraction(ctx, 'retractSource', args, (options) => retractSource(ctx.db, args.id, options));
      return readCommitted('the source', () => readById(ctx, info, args.id, 'Source'));
    },
  },
};
