/** How sources are read: each Source field's projection, and the sources connection. */
import { stampsRead } from '../node/node.cypher.js';
import { property, type ConnectionRead, type TypeRead } from '../read/compile.js';

/** All sources, by title. */
export const sourcesConnection: ConnectionRead = {
  sort: (x) => `${x}.title`,
  unique: true,
  candidates: (x) => `MATCH (${x}:Source)`,
};

export const sourceRead: TypeRead = {
  ...stampsRead,
  id: property('id'),
  title: property('title'),
  publisher: property('publisher'),
  language: property('language'),
  url: property('url'),
  publishedOn: property('publishedOn'),
  note: property('note'),
};
