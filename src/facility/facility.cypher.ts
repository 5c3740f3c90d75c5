/** How facilities are read: each Facility field's projection. */
import { stampsRead } from '../node/node.cypher.js';
import { listProperty, property, type TypeRead } from '../read/compile.js';
import { related, storedScalars, type FilterSpec } from '../read/filter.js';

/** What a facility can be filtered and sorted by. */
export const facilityFilter: FilterSpec = {
  scalars: storedScalars({ id: 'string', name: 'string', localName: 'string', description: 'string', city: 'string', kind: 'enum', openedOn: 'date' }),
  relationships: {
    province: related('LOCATED_IN', '->', 'Province'),
    prefectureCity: related('IN_CITY', '->', 'City'),
    park: related('IN_PARK', '->', 'Park'),
    operator: related('OPERATES', '<-', 'Company'),
    sources: related('SOURCED_FROM', '->', 'Source'),
  },
};

export const facilityRead: TypeRead = {
  ...stampsRead,
  id: property('id'),
  name: property('name'),
  localName: property('localName'),
  kind: property('kind'),
  description: property('description'),
  products: listProperty('products'),
  city: property('city'),
  openedOn: property('openedOn'),
  province: (n, field, c) => c.one((x) => `MATCH (${n})-[:LOCATED_IN]->(${x}:Province)`, field),
  prefectureCity: (n, field, c) => c.one((x) => `MATCH (${n})-[:IN_CITY]->(${x}:City)`, field),
  park: (n, field, c) => c.one((x) => `MATCH (${n})-[:IN_PARK]->(${x}:Park)`, field),
  operator: (n, field, c) => c.one((x) => `MATCH (${x}:Company)-[:OPERATES]->(${n})`, field),
  sources: (n, field, c) => c.many((x) => `MATCH (${n})-[:SOURCED_FROM]->(${x}:Source)`, field),
};
