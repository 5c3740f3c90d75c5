import { describe, expect, it } from 'vitest';
import { attributeType, csvField, escapeXml, unionColumns, type AttributeType } from './formats.js';

describe('export formats', () => {
  it('maps Neo4j value types to GraphML attribute types', () => {
    expect(attributeType(['INTEGER NOT NULL'])).toBe('long');
    expect(attributeType(['INTEGER NOT NULL', 'FLOAT NOT NULL'])).toBe('double');
    expect(attributeType(['BOOLEAN NOT NULL'])).toBe('boolean');
    expect(attributeType(['LIST<STRING NOT NULL> NOT NULL'])).toBe('string');
    expect(attributeType(['INTEGER NOT NULL', 'STRING NOT NULL'])).toBe('string');
  });

  it('widens a column two node types type differently', () => {
    const columns = unionColumns(
      new Map<string, Map<string, AttributeType>>([
        ['Park', new Map<string, AttributeType>([['zeroCarbonTargetYear', 'long'], ['name', 'string']])],
        ['Pledge', new Map<string, AttributeType>([['zeroCarbonTargetYear', 'double'], ['name', 'boolean']])],
      ]),
    );
    expect([...columns]).toEqual([
      ['name', 'string'],
      ['zeroCarbonTargetYear', 'double'],
    ]);
  });

  it('escapes XML and drops characters XML 1.0 cannot hold', () => {
    expect(escapeXml('A & B <"c"> \u0001湖北')).toBe('A &amp; B &lt;&quot;c&quot;&gt; 湖北');
  });

  it('quotes CSV fields only when needed, doubling quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a, "b"\nc')).toBe('"a, ""b""\nc"');
    expect(csvField(['x', 'y'])).toBe('"[""x"",""y""]"');
    expect(csvField(null)).toBe('');
  });

  it('neutralises text a spreadsheet would run as a formula, and leaves numbers alone', () => {
    expect(csvField('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    for (const start of ['+', '-', '@', '\t', '\r']) expect(csvField(`${start}1+1`)).toBe(/[\r]/.test(start) ? `"'${start}1+1"` : `'${start}1+1`);
    expect(csvField('a=b')).toBe('a=b');
    expect(csvField(-3)).toBe('-3');
    expect(csvField(['=x'])).toBe('"[""=x""]"');
  });
});
