import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, parseCsv } from './csv.js';

describe('parseCsv', () => {
  it('reads plain and quoted fields with their line numbers', () => {
    expect(parseCsv('id,name\na,"Acme, Inc."\n\nb,"say ""hi"""\n')).toEqual([
      { line: 1, values: ['id', 'name'] },
      { line: 2, values: ['a', 'Acme, Inc.'] },
      { line: 4, values: ['b', 'say "hi"'] },
    ]);
  });

  it('keeps line breaks inside quotes and counts them', () => {
    expect(parseCsv('id,note\r\na,"two\nlines"\r\nb,x')).toEqual([
      { line: 1, values: ['id', 'note'] },
      { line: 2, values: ['a', 'two\nlines'] },
      { line: 4, values: ['b', 'x'] },
    ]);
  });

  it('keeps empty fields', () => {
    expect(parseCsv('a,,c\n')).toEqual([{ line: 1, values: ['a', '', 'c'] }]);
  });

  it('reports an unclosed quote with its line', () => {
    expect(() => parseCsv('id\n"open')).toThrow(CsvSyntaxError);
  });
});
