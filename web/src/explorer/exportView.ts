/** Exporting what is drawn: a PNG picture, or the graph as GraphML or GEXF. */
import { $ } from './dom.js';
import { toGexf, toGraphML, type GraphView } from './graphFiles.js';
import type { Explorer } from './state.js';
import { typeColours } from './style.js';

function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** What is drawn now: visible nodes and edges, with their positions and colours. */
function currentView({ cy }: Explorer): GraphView {
  return {
    nodes: cy.nodes(':visible').map((node) => ({
      id: node.id(),
      label: String(node.data('label')),
      type: String(node.data('type')),
      year: (node.data('year') as number | null) ?? null,
      x: node.position('x'),
      y: node.position('y'),
      colour: typeColours[node.data('type') as string] ?? '#999999',
    })),
    edges: cy.edges(':visible').map((edge) => ({
      id: edge.id(),
      source: String(edge.data('source')),
      target: String(edge.data('target')),
      type: String(edge.data('type')),
      sourceIds: (edge.data('sourceIds') as string[] | null) ?? [],
    })),
  };
}

const fileName = ({ rootId }: Explorer, extension: string) => `greengraph-${(rootId ?? 'view').replace(/[^\w.-]+/g, '-')}.${extension}`;

/** The export buttons. */
export function wireExport(explorer: Explorer): void {
  $('export').addEventListener('click', (event) => {
    const format = (event.target as HTMLElement).closest('button')?.dataset.format;
    if (format === 'png') {
      download(explorer.cy.png({ output: 'blob', bg: '#ffffff', scale: 2 }), fileName(explorer, 'png'));
    } else if (format === 'graphml') {
      download(new Blob([toGraphML(currentView(explorer))], { type: 'application/graphml+xml' }), fileName(explorer, 'graphml'));
    } else if (format === 'gexf') {
      download(new Blob([toGexf(currentView(explorer))], { type: 'application/gexf+xml' }), fileName(explorer, 'gexf'));
    }
  });
}
