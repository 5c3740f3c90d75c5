/**
 * The executable schema: SDL files from schema/ joined with the resolvers of
 * every domain.
 */
import { aggregatesResolvers } from './aggregates/aggregates.resolvers.js';
import { changeResolvers } from './changes/changes.resolvers.js';
import { cityResolvers } from './city/city.resolvers.js';
import { companyMutations } from './company/company.mutations.js';
import { companyResolvers } from './company/company.resolvers.js';
import { facilityMutations } from './facility/facility.mutations.js';
import { facilityResolvers } from './facility/facility.resolvers.js';
import type { Resolvers } from './generated/resolvers.js';
import { graphResolvers } from './graph/graph.resolvers.js';
import { nodeResolvers } from './node/node.resolvers.js';
import { parkMutations } from './park/park.mutations.js';
import { parkResolvers } from './park/park.resolvers.js';
import { partnershipMutations } from './partnership/partnership.mutations.js';
import { partnershipResolvers } from './partnership/partnership.resolvers.js';
import { pledgeMutations } from './pledge/pledge.mutations.js';
import { pledgeResolvers } from './pledge/pledge.resolvers.js';
import { programMutations } from './program/program.mutations.js';
import { programResolvers } from './program/program.resolvers.js';
import { provenanceResolvers } from './provenance/provenance.resolvers.js';
import { retractMutations } from './provenance/retract.mutations.js';
import { provinceResolvers } from './province/province.resolvers.js';
import { scalarResolvers } from './scalars.js';
import { sourceMutations } from './source/source.mutations.js';
import { sourceResolvers } from './source/source.resolvers.js';
import { statsResolvers } from './stats/stats.resolvers.js';
import { retireMutations } from './write/retire.mutations.js';

export { loadTypeDefs } from './typeDefs.js';

const domains: Resolvers[] = [
  scalarResolvers,
  nodeResolvers,
  companyResolvers,
  parkResolvers,
  provinceResolvers,
  cityResolvers,
  facilityResolvers,
  partnershipResolvers,
  pledgeResolvers,
  programResolvers,
  sourceResolvers,
  graphResolvers,
  statsResolvers,
  aggregatesResolvers,
  sourceMutations,
  companyMutations,
  parkMutations,
  facilityMutations,
  partnershipMutations,
  pledgeMutations,
  programMutations,
  retireMutations,
  provenanceResolvers,
  retractMutations,
  changeResolvers,
];

/** All resolvers, merged per type. */
export function resolvers(): Resolvers {
  const merged: Record<string, Record<string, unknown>> = {};
  for (const domain of domains) {
    for (const [type, fields] of Object.entries(domain)) {
      merged[type] = { ...(merged[type] ?? {}), ...(fields as Record<string, unknown>) };
    }
  }
  return merged as Resolvers;
}
