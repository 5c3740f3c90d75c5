import { buildSchema, Kind, parse, type FieldNode, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { MAX_PAGE_SIZE } from '../pagination.js';
import { Compiler, COMPILED, property, quoteKey, type ReadRegistry, type TypeRead } from './compile.js';

const schema = buildSchema(`
  type Query { shelf: Shelf }
  type Shelf { id: ID! books(first: Int = 3): [Book!]! all: [Book!]! }
  type Book { id: ID! title: String }
`);

const shelfRead: TypeRead = {
  id: property('id'),
  books: (n, field, c) => c.many((x) => `MATCH (${n})-[:HOLDS]->(${x}:Book)`, field),
  all: (n, field, c) => c.many((x) => `MATCH (${n})-[:HOLDS]->(${x}:Book)`, field),
};
const registry = { Shelf: shelfRead, Book: { id: property('id'), title: property('title') } } as ReadRegistry;

function compile(query: string, variableValues: Record<string, unknown> = {}) {
  const document = parse(query);
  const operation = document.definitions[0] as OperationDefinitionNode;
  const shelf = operation.selectionSet.selections[0] as FieldNode;
  expect(shelf.kind).toBe(Kind.FIELD);
  const compiler = new Compiler({ schema, fragments: {}, variableValues }, registry);
  return { compiler, projection: compiler.object('s', 'Shelf', [shelf]) };
}

describe('Compiler', () => {
  it('limits a list field by its first argument, its default included, and a list without one at MAX_PAGE_SIZE', () => {
    const { compiler, projection } = compile('{ shelf { few: books(first: 1) { id } some: books { title } all { id } } }');
    expect(projection.cypher.match(/LIMIT \$p\d+/g)).toHaveLength(3);
    expect(Object.values(compiler.params).sort((a, b) => (a as number) - (b as number))).toEqual([1, 3, MAX_PAGE_SIZE]);
  });

  it('refuses a first beyond MAX_PAGE_SIZE with what is allowed', () => {
    expect(() => compile('{ shelf { books(first: 101) { id } } }')).toThrow(/first/);
  });

  it('projects only what is selected, under response keys, and decodes into compiled objects', () => {
    const { projection } = compile('{ shelf { name: id } }');
    expect(projection.cypher).toBe('{`name`: s.id}');
    const decoded = projection.decode({ name: 'shelf-1' }) as Record<string | symbol, unknown>;
    expect(Object.fromEntries(Object.entries(decoded))).toEqual({ name: 'shelf-1' });
    expect(decoded[COMPILED]).toBe(true);
  });
});

describe('quoteKey', () => {
  it('backticks a key and doubles any backtick in it, as Cypher escapes identifiers', () => {
    expect(quoteKey('title')).toBe('`title`');
    expect(quoteKey('#type')).toBe('`#type`');
    expect(quoteKey('a`b')).toBe('`a``b`');
  });
});
