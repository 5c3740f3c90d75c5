/**
 * How a CSV cell that holds more than one value becomes the value a JSON
 * Lines record carries; a domain's write description names its columns'
 * (src/write/writeDescription.ts). Pure.
 */

/** `a|b|c` → ['a', 'b', 'c']. */
export const listCell = (cell: string): string[] => cell.split('|').map((x) => x.trim());

/** `company:ROLE|company:ROLE` → [{company, role}]: a cell of `left:right` pairs. */
export const pairsCell =
  (left: string, right: string) =>
  (cell: string): Record<string, string>[] =>
    cell.split('|').map((item) => {
      const at = item.indexOf(':');
      return at < 0 ? { [left]: item.trim() } : { [left]: item.slice(0, at).trim(), [right]: item.slice(at + 1).trim() };
    });
