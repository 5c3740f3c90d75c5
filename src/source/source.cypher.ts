/** How sources are read: each Source field's projection, and the sources connection. */
import { stampsRead } from '../node/node.cypher.js';
import { properties, type ConnectionRead, type TypeRead } from '../read/compile.js';
import { inIndexOrder, inIndexOrderWhenSet, stored, storedScalars, type FilterSpec } from '../read/filter.js';

/** All sources, by title. */
export const sourcesConnection: ConnectionRead = {
  sort: (x) => `${x}.title`,
  indexOrder: true,
  unique: true,
  label: 'Source',
  candidates: (x) => `MATCH (${x}:Source)`,
};

/** What a source can be filtered and sorted by. */
export const sourceFilter: FilterSpec = {
  scalars: {
    ...storedScalars({ id: 'string', publisher: 'string', language: 'string', url: 'string', note: 'string', publishedOn: 'date' }),
    title: inIndexOrder(stored('string', 'title')),
    publishedOn: inIndexOrderWhenSet(stored('date', 'publishedOn')),
  },
  relationships: {},
};

export const sourceRead: TypeRead = {
  ...stampsRead,
  ...properties('id', 'title', 'publisher', 'language', 'url', 'publishedOn', 'note'),
};
