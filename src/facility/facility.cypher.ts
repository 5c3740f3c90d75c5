/** How facilities are read: each Facility field's projection. */
import { stampsRead } from '../node/node.cypher.js';
import { linkedMany, linkedOne, listProperty, properties, type TypeRead } from '../read/compile.js';
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
  ...properties('id', 'name', 'localName', 'kind', 'description', 'city', 'openedOn'),
  products: listProperty('products'),
  province: linkedOne('LOCATED_IN', 'Province'),
  prefectureCity: linkedOne('IN_CITY', 'City'),
  park: linkedOne('IN_PARK', 'Park'),
  operator: linkedOne('OPERATES', 'Company', { in: true }),
  sources: linkedMany('SOURCED_FROM', 'Source'),
};
