/**
 * Imports a dataset folder (seed/datasets/<name>/) as one import, through
 * the same check and write path as `npm run import`: every file whose name
 * says what it holds, checked in full before anything is written, recorded
 * as an (:Import) so that `npm run import -- retract <id>` takes the whole
 * dataset back out. `npm start` imports the datasets into an empty graph
 * after the seed.
 */
import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Database } from '../neo4j/database.js';
import { checkImport, importFiles } from './checkImport.js';
import { kindOfFile } from './importFormats.js';
import { writeImport, type ImportProgress } from './importer.js';
import { batchCommittedCypher, createImportCypher, finishImportCypher } from './importRecord.cypher.js';
import { sha256OfFile } from './sha256.js';

export class DatasetError extends Error {
  override name = 'DatasetError';
}

/** The import files of a dataset folder, in name order (the import writes kind by kind whatever the order). */
export const datasetFiles = (dir: string): string[] =>
  readdirSync(dir)
    .filter((name) => kindOfFile(name) !== null && /\.(csv|jsonl)$/.test(name))
    .sort()
    .map((name) => join(dir, name));

/**
 * Imports the dataset in `dir`, stamped `by`; returns the import's id and the
 * rows written. Throws DatasetError, writing nothing, when a record is bad.
 * `onBatch` hears of each batch committed (a server's import metrics).
 */
export async function importDataset(
  db: Database,
  dir: string,
  by: string,
  onBatch?: (progress: ImportProgress) => void,
): Promise<{ id: string; rows: number }> {
  const { files, problems: fileProblems } = importFiles(datasetFiles(dir));
  if (fileProblems.length) throw new DatasetError(`The dataset ${basename(dir)} cannot be read:\n- ${fileProblems.join('\n- ')}`);
  const checked = await checkImport(files, (cypher, params) => db.read(cypher, params), { workers: 0 });
  if (checked.problemCount) throw new DatasetError(`The dataset ${basename(dir)} is unsound; nothing was written:\n- ${checked.problems.join('\n- ')}`);
  const id = `import-${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}-${randomBytes(3).toString('hex')}`;
  await db.write(createImportCypher, {
    id,
    by,
    files: files.map((f) => f.file),
    sha256: await Promise.all(files.map((f) => sha256OfFile(f.file))),
    records: files.map((f) => checked.records.get(f.file) ?? 0),
    rows: checked.rows,
  });
  await writeImport(db, files, checked.rows, {
    by: id,
    afterBatch: async (tx, { done }, rows) => {
      const ids = rows.flatMap((row) => ((row as { id?: string }).id ? [(row as { id: string }).id] : []));
      await tx.run(batchCommittedCypher, { importId: id, done, ids });
    },
    onBatch,
  });
  await db.write(finishImportCypher, { id, status: 'committed', error: null });
  return { id, rows: checked.rows };
}
