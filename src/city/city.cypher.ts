/** How cities are read: each City field's projection. */
import { property, type TypeRead } from '../read/compile.js';

export const cityRead: TypeRead = {
  id: property('id'),
  code: property('code'),
  name: property('name'),
  localName: property('localName'),
  kind: property('kind'),
  province: (n, field, c) => c.one((x) => `MATCH (${n})-[:PART_OF]->(${x}:Province)`, field),
  sources: (n, field, c) => c.many((x) => `MATCH (${n})-[:SOURCED_FROM]->(${x}:Source)`, field),
};
