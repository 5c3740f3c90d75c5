/**
 * Serializers for graph exports: GraphML, GEXF, JSON nodes/links, and CSV. Each
 * turns one row at a time into text, so that exports stream: nothing here
 * holds more than one node or relationship.
 */

/** GraphML's attribute types (GraphML primer, section 2.4). */
export type AttributeType = 'boolean' | 'long' | 'double' | 'string';

export interface ExportNode {
  id: string;
  type: string;
  label: string;
  properties: Record<string, unknown>;
}

export interface ExportEdge {
  key: string;
  from: string;
  to: string;
  type: string;
  properties: Record<string, unknown>;
}

/** Columns known before the first row: property name → type, for nodes (per node type) and for relationships. */
export interface ExportColumns {
  nodes: Map<string, Map<string, AttributeType>>;
  edges: Map<string, AttributeType>;
}

/**
 * Neo4j's valueType() strings ("INTEGER NOT NULL", "LIST<STRING NOT NULL> NOT
 * NULL", …) to one GraphML type. Mixed or structured values become strings;
 * lists are written as JSON.
 */
export function attributeType(valueTypes: readonly string[]): AttributeType {
  const kinds = new Set(valueTypes.map((t) => t.replace(/ NOT NULL$/, '')).filter((t) => t !== 'NULL'));
  if (kinds.size === 0) return 'string';
  if ([...kinds].every((k) => k === 'BOOLEAN')) return 'boolean';
  if ([...kinds].every((k) => k === 'INTEGER')) return 'long';
  if ([...kinds].every((k) => k === 'INTEGER' || k === 'FLOAT')) return 'double';
  return 'string';
}

function mergeTypes(a: AttributeType, b: AttributeType): AttributeType {
  if (a === b) return a;
  const numeric = new Set<AttributeType>(['long', 'double']);
  return numeric.has(a) && numeric.has(b) ? 'double' : 'string';
}

/** The union of the node columns of every type; a name typed differently by two types becomes a string. */
export function unionColumns(perType: Map<string, Map<string, AttributeType>>): Map<string, AttributeType> {
  const union = new Map<string, AttributeType>();
  for (const columns of perType.values()) {
    for (const [name, type] of columns) {
      const known = union.get(name);
      union.set(name, known === undefined ? type : mergeTypes(known, type));
    }
  }
  return new Map([...union].sort(([a], [b]) => a.localeCompare(b)));
}

/** A property value as text: lists and maps as JSON, null as nothing. */
export function textValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

// XML 1.0 allows neither these control characters nor lone surrogates.
// eslint-disable-next-line no-control-regex
const invalidXml = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function escapeXml(text: string): string {
  return text
    .replace(invalidXml, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** One export format: a header once the columns are known, one chunk per row, and a footer. */
export interface ExportWriter {
  contentType: string;
  extension: string;
  header(columns: ExportColumns): string;
  node?(node: ExportNode): string;
  /** Written once, between the last node and the first edge. */
  betweenNodesAndEdges?(): string;
  edge?(edge: ExportEdge): string;
  footer(): string;
}

/** The node properties not written as properties: `id` is the GraphML node id already. */
const ownNodeColumns = (columns: Map<string, AttributeType>) => [...columns].filter(([name]) => name !== 'id');

/**
 * GraphML with a `<key>` per property (attr.name and attr.type), so that
 * Gephi and yEd import node types and properties as typed columns. Node
 * `type` and `label` are keys of their own; edges carry `type` and `label`
 * (the relationship type) and their properties.
 */
export function graphmlWriter(): ExportWriter {
  let nodeKeys = new Map<string, string>();
  let edgeKeys = new Map<string, string>();
  const data = (key: string | undefined, value: unknown): string =>
    key === undefined || value === null || value === undefined ? '' : `<data key="${key}">${escapeXml(textValue(value))}</data>`;
  return {
    contentType: 'application/graphml+xml; charset=utf-8',
    extension: 'graphml',
    header(columns) {
      const nodeColumns = ownNodeColumns(unionColumns(columns.nodes));
      nodeKeys = new Map(nodeColumns.map(([name], i) => [name, `n${i}`]));
      edgeKeys = new Map([...columns.edges.keys()].sort().map((name, i) => [name, `e${i}`]));
      const key = (id: string, on: 'node' | 'edge', name: string, type: AttributeType) =>
        `  <key id="${id}" for="${on}" attr.name="${escapeXml(name)}" attr.type="${type}"/>\n`;
      return [
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"',
        ' xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n',
        key('type', 'node', 'type', 'string'),
        key('label', 'node', 'label', 'string'),
        ...nodeColumns.map(([name, type]) => key(nodeKeys.get(name)!, 'node', name, type)),
        key('edgeType', 'edge', 'type', 'string'),
        key('edgeLabel', 'edge', 'label', 'string'),
        ...[...edgeKeys].map(([name, id]) => key(id, 'edge', name, columns.edges.get(name)!)),
        '  <graph id="greengraph" edgedefault="directed">\n',
      ].join('');
    },
    node(node) {
      const props = Object.entries(node.properties).map(([name, value]) => data(nodeKeys.get(name), value)).join('');
      return `    <node id="${escapeXml(node.id)}">${data('type', node.type)}${data('label', node.label)}${props}</node>\n`;
    },
    edge(edge) {
      const props = Object.entries(edge.properties).map(([name, value]) => data(edgeKeys.get(name), value)).join('');
      return `    <edge id="${escapeXml(edge.key)}" source="${escapeXml(edge.from)}" target="${escapeXml(edge.to)}">${data('edgeType', edge.type)}${data('edgeLabel', edge.type)}${props}</edge>\n`;
    },
    footer: () => '  </graph>\n</graphml>\n',
  };
}

/**
 * GEXF 1.3 (https://gexf.net/1.3), Gephi's own format: typed `<attribute>`
 * declarations per node and edge property (the GraphML types are GEXF types
 * too), node `label` and `type`, and each edge's relationship type as its
 * `label` and as the `relationship` attribute.
 */
export function gexfWriter(today: () => string = () => new Date().toISOString().slice(0, 10)): ExportWriter {
  let nodeIds = new Map<string, string>();
  let edgeIds = new Map<string, string>();
  const attvalues = (ids: Map<string, string>, values: [string, unknown][]): string => {
    const written = values
      .filter(([name, value]) => ids.has(name) && value !== null && value !== undefined)
      .map(([name, value]) => `<attvalue for="${ids.get(name)}" value="${escapeXml(textValue(value))}"/>`)
      .join('');
    return written ? `<attvalues>${written}</attvalues>` : '';
  };
  const declare = (on: 'node' | 'edge', ids: Map<string, string>, types: Map<string, AttributeType>) =>
    [
      `    <attributes class="${on}" mode="static">\n`,
      ...[...ids].map(([name, id]) => `      <attribute id="${id}" title="${escapeXml(name)}" type="${types.get(name)!}"/>\n`),
      '    </attributes>\n',
    ].join('');
  return {
    contentType: 'application/gexf+xml; charset=utf-8',
    extension: 'gexf',
    header(columns) {
      const nodeTypes = new Map<string, AttributeType>([['type', 'string'], ...ownNodeColumns(unionColumns(columns.nodes))]);
      const edgeTypes = new Map<string, AttributeType>([['relationship', 'string'], ...[...columns.edges].sort(([a], [b]) => a.localeCompare(b))]);
      // Numeric ids, as Gephi writes them: readers such as graphology's then key values by the title.
      nodeIds = new Map([...nodeTypes.keys()].map((name, i) => [name, String(i)]));
      edgeIds = new Map([...edgeTypes.keys()].map((name, i) => [name, String(i)]));
      return [
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        '<gexf xmlns="http://gexf.net/1.3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"',
        ' xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">\n',
        `  <meta lastmodifieddate="${today()}"><creator>greengraph</creator></meta>\n`,
        '  <graph defaultedgetype="directed" mode="static">\n',
        declare('node', nodeIds, nodeTypes),
        declare('edge', edgeIds, edgeTypes),
        '    <nodes>\n',
      ].join('');
    },
    node(node) {
      const values = attvalues(nodeIds, [['type', node.type], ...Object.entries(node.properties).filter(([name]) => name !== 'id')]);
      return `      <node id="${escapeXml(node.id)}" label="${escapeXml(node.label)}">${values}</node>\n`;
    },
    betweenNodesAndEdges: () => '    </nodes>\n    <edges>\n',
    edge(edge) {
      const values = attvalues(edgeIds, [['relationship', edge.type], ...Object.entries(edge.properties)]);
      return `      <edge id="${escapeXml(edge.key)}" source="${escapeXml(edge.from)}" target="${escapeXml(edge.to)}" label="${escapeXml(edge.type)}">${values}</edge>\n`;
    },
    footer: () => '    </edges>\n  </graph>\n</gexf>\n',
  };
}

/** `{"nodes": [...], "links": [...]}`, the shape d3-force and most JS graph libraries read. */
export function jsonWriter(): ExportWriter {
  let count = 0;
  const item = (value: unknown) => `${count++ === 0 ? '' : ','}\n${JSON.stringify(value)}`;
  return {
    contentType: 'application/json; charset=utf-8',
    extension: 'json',
    header: () => '{"nodes":[',
    node: (node) => item({ ...node.properties, id: node.id, type: node.type, label: node.label }),
    betweenNodesAndEdges: () => {
      count = 0;
      return '\n],"links":[';
    },
    edge: (edge) => item({ ...edge.properties, source: edge.from, target: edge.to, type: edge.type }),
    footer: () => '\n]}\n',
  };
}

/**
 * Text a spreadsheet would run as a formula when the CSV is opened: a cell
 * starting with `=`, `+`, `-`, `@`, a tab or a carriage return (OWASP, "CSV
 * Injection").
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * RFC 4180: quote fields with commas, quotes or line breaks; double the
 * quotes. Text that a spreadsheet would take for a formula is prefixed with
 * a single quote, as OWASP advises, so that it shows as the text it is;
 * numbers and booleans are written as they are (`-3` stays a number).
 */
export function csvField(value: unknown): string {
  const raw = textValue(value);
  const text = typeof value === 'string' && FORMULA_START.test(raw) ? `'${raw}` : raw;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const csvRow = (fields: unknown[]): string => `${fields.map(csvField).join(',')}\r\n`;

/**
 * One node type as CSV in Gephi's node-table shape: `Id,Label,type` and then
 * that type's properties, sorted by name.
 */
export function nodeCsvWriter(type: string): ExportWriter {
  let names: string[] = [];
  return {
    contentType: 'text/csv; charset=utf-8',
    extension: 'csv',
    header(columns) {
      names = ownNodeColumns(columns.nodes.get(type) ?? new Map()).map(([name]) => name).sort();
      return csvRow(['Id', 'Label', 'type', ...names]);
    },
    node: (node) => csvRow([node.id, node.label, node.type, ...names.map((name) => node.properties[name])]),
    footer: () => '',
  };
}

/**
 * Relationships as CSV in Gephi's edge-table shape: `Source,Target,Type`
 * (always `Directed`: Gephi reads that column as the edge direction), `Id`,
 * `Label` and `relationship` (both the relationship type), then the
 * relationships' properties.
 */
export function edgeCsvWriter(): ExportWriter {
  let names: string[] = [];
  return {
    contentType: 'text/csv; charset=utf-8',
    extension: 'csv',
    header(columns) {
      names = [...columns.edges.keys()].sort();
      return csvRow(['Source', 'Target', 'Type', 'Id', 'Label', 'relationship', ...names]);
    },
    edge: (edge) =>
      csvRow([edge.from, edge.to, 'Directed', edge.key, edge.type, edge.type, ...names.map((name) => edge.properties[name])]),
    footer: () => '',
  };
}
