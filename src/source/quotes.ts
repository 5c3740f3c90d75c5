/**
 * Evidence quotes: a citation may carry the words of its source that state
 * the fact (`quote`, at most MAX_QUOTE_LENGTH characters), stored on the
 * cited entity's SOURCED_FROM link and read as `Fact.quote`. Where the
 * source's full text is stored (seed/documents/), the quote must occur in
 * it, compared after whitespace is normalised, so that a quote cannot put
 * words in a source's mouth.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../projectRoot.js';
import type { Checked } from '../write/rows.js';
import type { Checker } from '../write/validate.js';

type Raw = Record<string, unknown>;

export const MAX_QUOTE_LENGTH = 500;

/** The sources whose full text is stored, by id: the file in seed/documents/. */
export const STORED_TEXTS: Readonly<Record<string, string>> = {
  'report-zero-carbon-parks-de': 'zero-carbon-parks-article.de.txt',
};

const normalize = (text: string): string => text.replace(/\s+/g, ' ').trim();

const texts = new Map<string, string>();

/** The stored full text of a source, whitespace normalised; null when none is stored. */
export function storedText(source: string): string | null {
  const file = STORED_TEXTS[source];
  if (!file) return null;
  if (!texts.has(file)) texts.set(file, normalize(readFileSync(join(projectRoot(), 'seed', 'documents', file), 'utf8')));
  return texts.get(file)!;
}

/** Checks `raw.quote` (for a row citing `source`): its length, and that it occurs in the source's stored text. */
export function checkQuote(c: Checker, raw: Raw, source: string | null): string | null {
  const quote = c.text(raw, 'quote', { max: MAX_QUOTE_LENGTH, multiline: true });
  if (quote === null || source === null) return quote;
  const text = storedText(source);
  if (text !== null && !text.includes(normalize(quote))) {
    return c.fail('quote', `"quote" must be words of the source "${source}", whose full text is stored (seed/documents/${STORED_TEXTS[source]}), but it does not occur there (compared with whitespace normalised).`);
  }
  return quote;
}

/** A row check that also takes the citation's quote: the row (of one fact, citing `source`) carries it. */
export function withQuote<R>(check: (c: Checker, raw: Raw) => Checked<R>): (c: Checker, raw: Raw) => Checked<R> {
  return (c, raw) => {
    const checked = check(c, raw);
    const source = typeof raw.source === 'string' ? raw.source : null;
    const quote = checkQuote(c, raw, source);
    if (checked.row && quote !== null) (checked.row as Raw).quote = quote;
    return checked;
  };
}
