import type { Resolvers } from '../generated/resolvers.js';
import { loadConnection } from '../neo4j/connection.js';
import { entity, entityList, entityOfType, firstIds, requiredEntity } from '../node/node.loaders.js';
import { partnershipsConnection } from './partnership.cypher.js';

export interface ParticipantRow {
  role: string;
  companyId: string;
  sourceIds: string[] | null;
}

export const partnershipResolvers: Resolvers = {
  Query: {
    partnership: (_parent, { id }, ctx) => entityOfType(ctx, id, 'Partnership'),
    partnerships: (_parent, { where, first, after }, ctx) =>
      loadConnection(ctx.loader, partnershipsConnection, { kind: where?.kind ?? null }, { first, after }, 'root'),
  },
  Partnership: {
    kind: (row) => row.kind as 'CO_BUILD',
    // Read leads first (PARTICIPANT_ROLE_ORDER), then by company id, at most MAX_PAGE_SIZE.
    participants: (row, { first }) => firstIds(row.participants, first),
    unnamedParticipants: (row, { first }) => {
      const roles = firstIds((row.unnamedRoles as string[] | null) ?? [], first);
      const descriptions = (row.unnamedDescriptions as string[] | null) ?? [];
      return roles.map((role, i) => ({ role: role as 'LOCAL_PARTNER', description: descriptions[i] ?? '' }));
    },
    parks: (row, { first }, ctx) => entityList(ctx, row.parkIds, first),
    province: (row, _args, ctx) => entity(ctx, row.provinceId),
    pledges: (row, { first }, ctx) => entityList(ctx, row.contributesToIds, first),
    sources: (row, { first }, ctx) => entityList(ctx, row.sourceIds, first),
  },
  Participant: {
    role: (row) => row.role as 'LEAD',
    company: (row, _args, ctx) => requiredEntity(ctx, row.companyId, 'participant'),
    sourceIds: (row) => row.sourceIds ?? [],
  },
};
