import type { Resolvers } from '../generated/resolvers.js';
import { readById } from '../read/read.js';
import { planOf, readCommitted, writeMutation } from '../write/mutation.js';
import { checkCompany, checkParent } from './company.write.js';

export const companyMutations: Resolvers = {
  Mutation: {
    upsertCompany: async (_parent, { input }, ctx, info) => {
      await writeMutation(ctx, { role: 'editor', action: 'upsertCompany', input }, (c, raw) => {
        const { parent: _ignored, ...rest } = raw;
        return planOf('companies', checkCompany(c, rest));
      });
      return readCommitted('the company', () => readById(ctx, info, input.id, 'Company'));
    },
    linkParent: async (_parent, { input }, ctx, info) => {
      await writeMutation(ctx, { role: 'editor', action: 'linkParent', input }, (c, raw) => {
        const checked = checkParent(c, raw);
        return {
          ...planOf('parents', checked),
          parentLinks: checked.row ? [{ ...checked.row, field: c.path('parent') }] : [],
        };
      });
      return readCommitted('the company', () => readById(ctx, info, input.company, 'Company'));
    },
  },
};
