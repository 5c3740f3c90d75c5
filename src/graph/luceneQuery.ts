/**
 * Turns what a person types into a Lucene query for the full-text index:
 * every special character is escaped (user text is never Lucene syntax),
 * Latin words match as typed, as a prefix, or with small typos, and runs of
 * Chinese characters match as phrases (the analyzer indexes each Han
 * character as its own token).
 */
const SPECIAL = /[+\-&|!(){}[\]^"~*?:\\/]/g;
const HAN = /\p{Script=Han}/u;

export const MAX_SEARCH_LENGTH = 200;

function escape(term: string): string {
  return term.replace(SPECIAL, (c) => `\\${c}`);
}

/** Splits text into words: runs of letters or digits, and runs of Han characters. */
export function searchTerms(text: string): string[] {
  return text.normalize('NFKC').match(/\p{Script=Han}+|[\p{L}\p{N}]+/gu) ?? [];
}

/** The Lucene query for `text`, or null when it holds no searchable word. */
export function toLuceneQuery(text: string): string | null {
  const clauses = searchTerms(text).map((term) => {
    if (HAN.test(term)) return `"${escape(term)}"`;
    const word = escape(term.toLowerCase());
    if (term.length < 3) return `${word}^2 OR ${word}*`;
    const edits = term.length >= 7 ? 2 : 1;
    return `(${word}^3 OR ${word}*^2 OR ${word}~${edits})`;
  });
  return clauses.length ? clauses.join(' OR ') : null;
}
