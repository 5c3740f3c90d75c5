/**
 * What a domain tells the writer about its rows (src/<domain>/<domain>.write.ts):
 * how untrusted input (a mutation's input object, an import record, a seed
 * record) is checked into rows, which columns an import file of it has, and
 * how each kind of row it writes is written. The writer (write.ts), the
 * import and the seed take everything domain-specific from here.
 */
import type { ManagedTransaction } from 'neo4j-driver';
import type { Checked } from './rows.js';
import type { Checker } from './validate.js';

/** One kind of row and how it is written. */
export interface RowWrite<K extends string = string, R = never> {
  /** The kind: the key of a write plan (src/write/write.ts). */
  readonly kind: K;
  /** One statement that writes `$rows` of this kind (`$by`, `$revive`: write.cypher.ts), MERGEing so that it is idempotent. */
  readonly cypher: string;
  /** The row of this kind in a record's checked row (a company's parent link is in the company's row), null when it has none; the checked row itself when not given. */
  readonly take?: (checked: never) => unknown;
  /** The entities a row touches whose derived facts (src/derived/) may change; none when the kind changes none. */
  readonly touches?: (row: R) => string;
  /** The entities a row writes, for the change log; its `id` when not given. */
  readonly ids?: (row: R) => readonly string[];
  /** Whether a row can remove a link to a company (a facility's operator): every other row only adds them (maintainDerived's `linksOnlyGrow`). */
  readonly removesCompanyLinks?: boolean;
  /** Whether a row touches its company alone (maintainDerived's `companiesOnly`). */
  readonly companiesOnly?: boolean;
  /** Checks against the graph in the write transaction, before the rows are written (throws to refuse them). */
  readonly before?: (tx: ManagedTransaction, rows: readonly R[]) => Promise<void>;
}

/** A domain's write description. */
export interface DomainWrite<R = unknown> {
  /** Turns one input object or record into its row, collecting problems in `c`. */
  readonly check: (c: Checker, raw: Record<string, unknown>) => Checked<R>;
  /** Columns (CSV) and keys (JSON Lines) of an import file; `source` is the id of a source in the graph or the import, `quote` its words that state the record. */
  readonly columns: readonly string[];
  /** How a CSV cell of a column becomes the value a JSON Lines record carries (src/import/csvCells.ts); text when not given. */
  readonly cells?: Readonly<Record<string, (cell: string) => unknown>>;
  /** The kinds of row it writes, in order. */
  readonly rows: readonly RowWrite<string, never>[];
}
