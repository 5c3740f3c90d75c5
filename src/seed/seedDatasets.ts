/**
 * The datasets that `npm start` imports into an empty graph after the seed:
 * each folder of seed/datasets/ is one import (src/import/importDataset.ts),
 * in name order, so that each can be retracted on its own. A dataset may
 * designate parks an earlier one wrote (overlap-miit-green-industrial-parks
 * designates parks of national-zero-carbon-parks-2025): name order is load
 * order.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../projectRoot.js';

export const DATASETS_DIR = join(projectRoot(), 'seed', 'datasets');

export function seedDatasets(): string[] {
  if (!existsSync(DATASETS_DIR)) return [];
  return readdirSync(DATASETS_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(DATASETS_DIR, entry.name))
    .sort();
}
