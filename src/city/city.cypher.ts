/** How cities are read: each City field's projection. */
import { linkedMany, linkedOne, properties, type TypeRead } from '../read/compile.js';
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
  ...properties('id', 'code', 'name', 'localName', 'kind'),
  province: linkedOne('PART_OF', 'Province'),
  sources: linkedMany('SOURCED_FROM', 'Source'),
};
