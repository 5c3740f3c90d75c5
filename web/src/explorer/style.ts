/**
 * How the explorer draws the graph. Labels are drawn at the same size on
 * screen whatever the zoom (their size in graph units is divided by the
 * zoom), and only for the nodes that labelPlacement picked: a label is
 * either readable or not drawn.
 */
import type { StylesheetJson } from 'cytoscape';
import type { NodeType } from '../../../src/domains.js';

/** One colour per node type (src/domains.ts: a type without one does not compile), also used by the legend, the filters and the GEXF export. */
export const typeColours: Record<NodeType, string> & Record<string, string | undefined> = {
  Company: '#1f77b4',
  Park: '#2ca02c',
  Province: '#9467bd',
  City: '#c5b0d5',
  Country: '#8c564b',
  Partnership: '#ff7f0e',
  Pledge: '#17becf',
  Facility: '#e377c2',
  Program: '#d62728',
  Designation: '#bcbd22',
  Source: '#7f7f7f',
};

/** Node labels on screen, in CSS pixels. */
export const LABEL_FONT_PX = 12;
export const LABEL_MAX_WIDTH_PX = 150;
export const LABEL_MARGIN_PX = 3;
export const LABEL_FONT_FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
const EDGE_FONT_PX = 10;
const NODE_SIZE = 16;

/** The stylesheet for a zoom level: sizes that must stay constant on screen are divided by it. */
export function explorerStyle(zoom: () => number): StylesheetJson {
  const px = (size: number) => () => size / zoom();
  return [
    {
      selector: 'node',
      style: {
        'background-color': (node) => typeColours[node.data('type') as string] ?? '#999',
        label: '',
        width: NODE_SIZE,
        height: NODE_SIZE,
        'border-width': 1,
        'border-color': '#fff',
        'font-family': LABEL_FONT_FAMILY,
        'font-size': px(LABEL_FONT_PX),
        color: '#1d2a24',
        'text-wrap': 'ellipsis',
        'text-max-width': () => `${LABEL_MAX_WIDTH_PX / zoom()}px`,
        'text-valign': 'bottom',
        'text-margin-y': px(LABEL_MARGIN_PX),
        'text-background-color': '#ffffff',
        'text-background-opacity': 0.8,
        'text-background-shape': 'roundrectangle',
      },
    },
    { selector: 'node.labelled', style: { label: 'data(label)' } },
    { selector: 'node.root', style: { width: NODE_SIZE * 1.5, height: NODE_SIZE * 1.5 } },
    { selector: 'node.expanded', style: { 'border-width': 3, 'border-color': '#222' } },
    {
      selector: 'edge',
      style: {
        width: 1.2,
        'line-color': '#c4c9c6',
        'target-arrow-color': '#c4c9c6',
        'target-arrow-shape': 'triangle',
        'arrow-scale': 0.8,
        'curve-style': 'bezier',
        label: '',
        'font-family': LABEL_FONT_FAMILY,
        'font-size': px(EDGE_FONT_PX),
        color: '#555',
        'text-rotation': 'autorotate',
        'text-background-color': '#ffffff',
        'text-background-opacity': 0.8,
      },
    },
    { selector: 'edge.labelled', style: { label: 'data(type)', 'line-color': '#8a938e', 'target-arrow-color': '#8a938e' } },
    { selector: '.filtered', style: { display: 'none' } },
    { selector: '.faded', style: { opacity: 0.18 } },
    { selector: 'node.path', style: { 'border-width': 4, 'border-color': '#d62728', display: 'element' } },
    { selector: 'edge.path', style: { 'line-color': '#d62728', 'target-arrow-color': '#d62728', width: 4, display: 'element' } },
    { selector: 'node.path-end', style: { 'border-width': 4, 'border-color': '#d62728', 'border-style': 'double' } },
    { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#d62728', 'overlay-opacity': 0 } },
    { selector: 'edge:selected', style: { 'line-color': '#d62728', 'target-arrow-color': '#d62728', width: 3 } },
  ];
}
