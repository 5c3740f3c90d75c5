/**
 * The current view as a file that graph tools open: GraphML (yEd, Cytoscape
 * desktop, networkx, igraph) and GEXF 1.3 (Gephi's own format). Only what is
 * drawn goes in, with the positions and colours it is drawn with, so that the
 * tool opens the same picture. The server's /export routes give whole graphs;
 * this is the analyst's current slice of it.
 */

export interface ViewNode {
  id: string;
  label: string;
  type: string;
  year: number | null;
  x: number;
  y: number;
  /** `#rrggbb` */
  colour: string;
}

export interface ViewEdge {
  id: string;
  source: string;
  target: string;
  type: string;
  sourceIds: readonly string[];
}

export interface GraphView {
  nodes: readonly ViewNode[];
  edges: readonly ViewEdge[];
}

/** XML 1.0 forbids most control characters even when escaped: they are dropped. */
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export const escapeXml = (text: string): string =>
  text
    .replace(INVALID_XML, '')
    .replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);

const round = (value: number): string => String(Math.round(value * 100) / 100);

/** GraphML (http://graphml.graphdrawing.org/specification.html), directed as stored. */
export function toGraphML(view: GraphView): string {
  const data = (key: string, value: string | number | null) =>
    value === null || value === '' ? '' : `<data key="${key}">${escapeXml(String(value))}</data>`;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"',
    '  xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    '  <key id="label" for="node" attr.name="label" attr.type="string"/>',
    '  <key id="type" for="node" attr.name="type" attr.type="string"/>',
    '  <key id="year" for="node" attr.name="year" attr.type="int"/>',
    '  <key id="x" for="node" attr.name="x" attr.type="double"/>',
    '  <key id="y" for="node" attr.name="y" attr.type="double"/>',
    '  <key id="colour" for="node" attr.name="colour" attr.type="string"/>',
    '  <key id="relationship" for="edge" attr.name="type" attr.type="string"/>',
    '  <key id="sourceIds" for="edge" attr.name="sourceIds" attr.type="string"/>',
    '  <graph id="greengraph" edgedefault="directed">',
    ...view.nodes.map(
      (n) =>
        `    <node id="${escapeXml(n.id)}">${data('label', n.label)}${data('type', n.type)}${data('year', n.year)}` +
        `${data('x', round(n.x))}${data('y', round(n.y))}${data('colour', n.colour)}</node>`,
    ),
    ...view.edges.map(
      (e) =>
        `    <edge id="${escapeXml(e.id)}" source="${escapeXml(e.source)}" target="${escapeXml(e.target)}">` +
        `${data('relationship', e.type)}${data('sourceIds', e.sourceIds.join(' '))}</edge>`,
    ),
    '  </graph>',
    '</graphml>',
    '',
  ];
  return lines.join('\n');
}

const rgb = (colour: string): string => {
  const hex = /^#([0-9a-f]{6})$/i.exec(colour)?.[1] ?? '999999';
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return `r="${r}" g="${g}" b="${b}"`;
};

/**
 * GEXF 1.3 (https://gexf.net/schema.html) with typed attributes and the
 * drawing's positions and colours (viz). Gephi's y axis points up, the
 * screen's down: y is negated so that the picture is not upside down.
 */
export function toGexf(view: GraphView, today = new Date()): string {
  const attvalue = (key: string, value: string | number | null) =>
    value === null || value === '' ? '' : `<attvalue for="${key}" value="${escapeXml(String(value))}"/>`;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"',
    '  xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">',
    `  <meta lastmodifieddate="${today.toISOString().slice(0, 10)}">`,
    '    <creator>greengraph explorer</creator>',
    '    <description>A view of the greengraph knowledge graph, as drawn in the explorer</description>',
    '  </meta>',
    '  <graph defaultedgetype="directed" mode="static">',
    '    <attributes class="node">',
    '      <attribute id="type" title="type" type="string"/>',
    '      <attribute id="year" title="year" type="integer"/>',
    '    </attributes>',
    '    <attributes class="edge">',
    '      <attribute id="type" title="type" type="string"/>',
    '      <attribute id="sourceIds" title="sourceIds" type="string"/>',
    '    </attributes>',
    '    <nodes>',
    ...view.nodes.map(
      (n) =>
        `      <node id="${escapeXml(n.id)}" label="${escapeXml(n.label)}"><attvalues>${attvalue('type', n.type)}${attvalue('year', n.year)}</attvalues>` +
        `<viz:color ${rgb(n.colour)}/><viz:position x="${round(n.x)}" y="${round(-n.y)}" z="0"/></node>`,
    ),
    '    </nodes>',
    '    <edges>',
    ...view.edges.map(
      (e) =>
        `      <edge id="${escapeXml(e.id)}" source="${escapeXml(e.source)}" target="${escapeXml(e.target)}" label="${escapeXml(e.type)}">` +
        `<attvalues>${attvalue('type', e.type)}${attvalue('sourceIds', e.sourceIds.join(' '))}</attvalues></edge>`,
    ),
    '    </edges>',
    '  </graph>',
    '</gexf>',
    '',
  ];
  return lines.join('\n');
}
