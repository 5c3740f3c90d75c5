/** How cities are read: each City field's projection. */
import { property, type TypeRead } from '../read/compile.js';
import { related, storedScalars, type FilterSpec } from '../read/filter.js';

/** What a city can be filtered by. */
export const cityFilter: FilterSpec = {
  scalars: storedScalars({ id: 'string', code: 'string', name: 'string', localName: 'string', kind: 'enum' }),
  relationships: {
    province: related('PART_OF', '->', 'Province'),
    sources: related('SOURCED_FROM', '->', 'Source'),
  },
};

export const cityRead: TypeRead = {
  id: property('id'),
  code: property('code'),
  name: property('name'),
  localName: property('localName'),
  kind: property('kind'),
  province: (n, field, c) => c.one((x) => `MATCH (${n})-[:PART_OF]->(${x}:Province)`, field),
  sources: (n, field, c) => c.many((x) => `MATCH (${n})-[:SOURCED_FROM]->(${x}:Source)`, field),
};
