/**
 * Retiring: an entity or a relationship is kept with `retiredOn` (and the
 * source that says so), never erased, so that history stays queryable.
 * Needs an admin key.
 */
import { RETIRABLE_TYPES } from '../domains.js';
import type { Resolvers } from '../generated/resolvers.js';
import type { GraphEdgeRow } from '../graph/graph.cypher.js';
import { readById } from '../read/read.js';
import { readCommitted, writeMutation } from './mutation.js';
import { invalidInput } from './validationError.js';
import { retireEntityCypher, retireRelationshipCypher } from './retire.cypher.js';

export const retireMutations: Resolvers = {
  Mutation: {
    retireEntity: async (_parent, { input }, ctx, info) => {
      await writeMutation(ctx, { role: 'admin', action: 'retireEntity', input }, (c, raw) => {
        const id = c.id(raw, 'id');
        const retiredOn = c.partialDate(raw, 'retiredOn', true);
        const reason = c.longText(raw, 'reason');
        const source = raw.source as string | null;
        return {
          plan: {},
          definitions: [],
          locks: id ? [id] : [],
          references: [
            ...(id ? [{ field: c.path('id'), id, types: RETIRABLE_TYPES }] : []),
            ...(source ? [{ field: c.path('source'), id: source, types: ['Source'] }] : []),
          ],
          touches: id ? [id] : [],
          after: async (run, by) => {
            await run(retireEntityCypher, { id, retiredOn, reason, source, by });
          },
        };
      });
      return readCommitted('the entity', () => readById(ctx, info, input.id));
    },
    retireRelationship: async (_parent, { input }, ctx) => {
      let edge: GraphEdgeRow | null = null;
      await writeMutation(ctx, { role: 'admin', action: 'retireRelationship', input }, (c, raw) => {
        const from = c.id(raw, 'from');
        const to = c.id(raw, 'to');
        const retiredOn = c.partialDate(raw, 'retiredOn', true);
        const source = raw.source as string | null;
        return {
          plan: {},
          definitions: [],
          // Retiring a SUBSIDIARY_OF link changes the chains that linkParent locks by their children.
          locks: [from, to].filter((x): x is string => x !== null),
          references: source ? [{ field: c.path('source'), id: source, types: ['Source'] }] : [],
          touches: [from, to].filter((x): x is string => x !== null),
          after: async (run, by) => {
            const [row] = await run(retireRelationshipCypher, { type: input.type, from, to, retiredOn, reason: null, source, by });
            if (!row) {
              throw invalidInput([
                { field: c.path('from'), message: `There is no ${input.type} relationship from "${from}" to "${to}" (relationships are addressed in their stored direction).` },
              ]);
            }
            edge = row.edge as GraphEdgeRow;
          },
        };
      });
      const retired = edge as GraphEdgeRow | null;
      return { ...retired!, sourceIds: retired!.sourceIds ?? [] };
    },
  },
};
