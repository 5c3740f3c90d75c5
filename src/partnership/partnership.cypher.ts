/** How partnerships are read: each Partnership (and Participant) field's projection, and the connection. */
import { stampsRead } from '../node/node.cypher.js';
import { linkedMany, literal, properties, type Compiler, type ConnectionRead, type TypeRead } from '../read/compile.js';
import { foldedScalars, inIndexOrder, inIndexOrderWhenSet, related, stored, storedScalars, type FilterSpec } from '../read/filter.js';

/** Partnerships, optionally of one kind, by title. */
export function partnershipsConnection(filter: { kind: string | null }): ConnectionRead {
  return {
    sort: (x) => `${x}.title`,
    indexOrder: true,
    unique: true,
    handles: ['kind'],
    ...(filter.kind === null ? { label: 'Partnership' } : {}),
    candidates: (x: string, c: Compiler) =>
      filter.kind === null ? `MATCH (${x}:Partnership)` : `MATCH (${x}:Partnership {kind: ${c.param(filter.kind)}})`,
  };
}

/** Partnerships located in province `pr` (a bound variable) through their parks or their own province. */
export function provincePartnershipsConnection(pr: string, filter: { kind: string | null }): ConnectionRead {
  return {
    sort: (x) => `${x}.title`,
    handles: ['kind'],
    candidates: (x: string, c: Compiler) => {
      const ofKind = filter.kind === null ? '' : ` WHERE ${x}.kind = ${c.param(filter.kind)}`;
      return `CALL (${pr}) {
  MATCH (${pr})<-[:LOCATED_IN]-(${x}:Partnership)${ofKind} RETURN ${x}
  UNION
  MATCH (${pr})<-[:LOCATED_IN]-(:Park)<-[:CONCERNS]-(${x}:Partnership)${ofKind} RETURN ${x}
}`;
    },
  };
}

/**
 * Binds `y` to partnership `x`'s province as Partnership.province reads it:
 * its own (one step away) before its parks' (two), the first by id.
 */
const partnershipProvince = (x: string, y: string, c: Compiler): string => {
  const path = c.fresh('path');
  return `MATCH ${path} = (${x})-[:LOCATED_IN|CONCERNS*1..2]->(${y}:Province) WITH ${y} ORDER BY length(${path}), ${y}.id LIMIT 1`;
};

const partnershipText = foldedScalars('Partnership');

/** What a partnership can be filtered and sorted by; `kind` is a short form. */
export const partnershipFilter: FilterSpec = {
  scalars: {
    ...storedScalars({ id: 'string', description: 'string', status: 'enum', startedOn: 'date', endedOn: 'date' }),
    ...partnershipText,
    title: inIndexOrder(partnershipText.title!),
    startedOn: inIndexOrderWhenSet(stored('date', 'startedOn')),
    endedOn: inIndexOrderWhenSet(stored('date', 'endedOn')),
  },
  relationships: {
    // Each participant is its PARTICIPATES_IN link: a role, and the company it comes from.
    participants: { type: 'Participant', pattern: (x, r, y) => `(${x})<-[${r}:PARTICIPATES_IN]-(${y}:Company)`, bind: (r, y) => ({ n: y, r }) },
    parks: related('CONCERNS', '->', 'Park'),
    province: {
      type: 'Province',
      derived: (x, y, c) => partnershipProvince(x, y, c),
      // Every partnership located in the province, itself or through a park: those whose province it may be.
      reverse: (y, x) => `CALL (${y}) {
  MATCH (${y})<-[:LOCATED_IN]-(${x}:Partnership) RETURN ${x}
  UNION
  MATCH (${y})<-[:LOCATED_IN]-(:Park)<-[:CONCERNS]-(${x}:Partnership) RETURN ${x}
}`,
    },
    pledges: related('CONTRIBUTES_TO', '->', 'Pledge'),
    sources: related('SOURCED_FROM', '->', 'Source'),
  },
  shortForms: { fields: ['kind'], compile: (where, { n }, c) => [`${n}.kind = ${c.param(where.kind)}`] },
};

/** A participant: its role on the link `r`, and its company `n`. */
export const participantFilter: FilterSpec = {
  scalars: { role: { kind: 'enum', read: ({ r }) => `${r}.role` } },
  relationships: {},
  embedded: { company: { type: 'Company', bind: ({ n }) => ({ n }) } },
};

/** Roles in the order a reader expects them: who leads first. */
const ROLE_ORDER = ['LEAD', 'PARTNER', 'LOCAL_PARTNER', 'INVESTOR', 'OPERATOR', 'TECHNOLOGY_PROVIDER'];
const roleRank = (r: string) => `CASE ${r}.role ${ROLE_ORDER.map((role, i) => `WHEN ${literal(role)} THEN ${i}`).join(' ')} ELSE ${ROLE_ORDER.length} END`;

export const partnershipRead: TypeRead = {
  ...stampsRead,
  ...properties('id', 'kind', 'title', 'description', 'status', 'startedOn', 'endedOn'),
  participants: (n, field, c) => {
    const r = c.fresh('r');
    const x = c.fresh('x');
    const inner = c.object({ r, x }, 'Participant', field.nodes);
    return {
      cypher: `COLLECT { MATCH (${x}:Company)-[${r}:PARTICIPATES_IN]->(${n}) WITH * ORDER BY ${roleRank(r)}, ${x}.id ${c.limitOf(field)} RETURN ${inner.cypher} }`,
      decode: (v) => ((v as unknown[] | null) ?? []).map(inner.decode),
    };
  },
  // Parties a source mentions without naming them stay unnamed: a role and a description each.
  unnamedParticipants: (n, field, c) => {
    const first = c.countOf(field);
    return {
      cypher: `[i IN range(0, size(coalesce(${n}.unnamedRoles, [])) - 1) | {role: ${n}.unnamedRoles[i], description: coalesce(${n}.unnamedDescriptions[i], '')}]${first === null ? '' : `[..${c.param(first)}]`}`,
      decode: (v) => v ?? [],
    };
  },
  parks: linkedMany('CONCERNS', 'Park', { orderBy: 'name' }),
  // The province of its parks, or its own province when no park is named.
  province: (n, field, c) => {
    const path = c.fresh('path');
    return c.one((x) => `MATCH ${path} = (${n})-[:LOCATED_IN|CONCERNS*1..2]->(${x}:Province)`, field, (x) => `length(${path}), ${x}.id`);
  },
  pledges: linkedMany('CONTRIBUTES_TO', 'Pledge', { orderBy: 'targetYear' }),
  sources: linkedMany('SOURCED_FROM', 'Source'),
};

/** A named participant: the link `r` from company `x`. */
export const participantRead: TypeRead<{ r: string; x: string }> = {
  role: ({ r }) => ({ cypher: `${r}.role`, decode: (v) => v }),
  sourceIds: ({ r }) => ({ cypher: `coalesce(${r}.sources, [])`, decode: (v) => v }),
  retiredOn: ({ r }) => ({ cypher: `${r}.retiredOn`, decode: (v) => v }),
  company: ({ x }, field, c) => c.object(x, 'Company', field.nodes),
};
