import type { Resolvers } from '../generated/resolvers.js';
import { loadConnection } from '../neo4j/connection.js';
import { entities, entity, entityOfType, requiredEntity } from '../node/node.loaders.js';
import { partnershipsConnection } from './partnership.cypher.js';

export interface ParticipantRow {
  role: string;
  companyId: string;
  sourceIds: string[] | null;
}

/** Roles in the order a reader expects them: who leads first. */
const roleOrder = ['LEAD', 'PARTNER', 'LOCAL_PARTNER', 'INVESTOR', 'OPERATOR', 'TECHNOLOGY_PROVIDER'];

export const partnershipResolvers: Resolvers = {
  Query: {
    partnership: (_parent, { id }, ctx) => entityOfType(ctx, id, 'Partnership'),
    partnerships: (_parent, { where, first, after }, ctx) =>
      loadConnection(ctx.loader, partnershipsConnection, { kind: where?.kind ?? null }, { first, after }, 'root'),
  },
  Partnership: {
    kind: (row) => row.kind as 'CO_BUILD',
    participants: (row) =>
      [...row.participants].sort(
        (a, b) => roleOrder.indexOf(a.role) - roleOrder.indexOf(b.role) || a.companyId.localeCompare(b.companyId),
      ),
    unnamedParticipants: (row) => {
      const roles = (row.unnamedRoles as string[] | null) ?? [];
      const descriptions = (row.unnamedDescriptions as string[] | null) ?? [];
      return roles.map((role, i) => ({ role: role as 'LOCAL_PARTNER', description: descriptions[i] ?? '' }));
    },
    parks: (row, _args, ctx) => entities(ctx, row.parkIds),
    province: (row, _args, ctx) => entity(ctx, row.provinceId),
    pledges: (row, _args, ctx) => entities(ctx, row.contributesToIds),
    sources: (row, _args, ctx) => entities(ctx, row.sourceIds),
  },
  Participant: {
    role: (row) => row.role as 'LEAD',
    company: (row, _args, ctx) => requiredEntity(ctx, row.companyId, 'participant'),
    sourceIds: (row) => row.sourceIds ?? [],
  },
};
