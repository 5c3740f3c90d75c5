import { describe, expect, it } from 'vitest';
import { checkCompany, checkParent } from '../company/company.write.js';
import { checkFacility } from '../facility/facility.write.js';
import { checkPark } from '../park/park.write.js';
import { checkPartnership } from '../partnership/partnership.write.js';
import { checkPledge } from '../pledge/pledge.write.js';
import { checkSource } from '../source/source.write.js';
import { Checker, closesCycle } from './validate.js';

const problems = (check: (c: Checker, raw: Record<string, unknown>) => unknown, raw: Record<string, unknown>) => {
  const c = new Checker('input');
  check(c, raw);
  return Object.fromEntries(c.problems.map((p) => [p.field, p.message]));
};

describe('validation', () => {
  it('allows the enum values the SDL declares, and says which', () => {
    const c = new Checker('input');
    expect(c.enumValue({ kind: 'FACTORY_GROUP' }, 'kind', 'FacilityKind')).toBe('FACTORY_GROUP');
    expect(c.enumValue({ kind: 'MINE' }, 'kind', 'FacilityKind')).toBeNull();
    expect(c.problems[0]!.message).toBe('"kind" must be one of PLANT, FACTORY, FACTORY_GROUP, ENERGY_PLANT, OTHER, but got "MINE".');
    expect(() => c.enumValue({ kind: 'x' }, 'kind', 'Facility')).toThrow(/Facility must be an enum type/);
  });

  it('accepts ids in the project format only', () => {
    for (const id of ['acme', 'acme-green-2', 'a1']) expect(problems(checkSource, { id, title: 'T' })).toEqual({});
    for (const id of ['Acme', 'acme--green', '-acme', 'acme_green', 'acme green', 'a'.repeat(101), 7]) {
      expect(problems(checkSource, { id, title: 'T' })).toHaveProperty(['input.id']);
    }
  });

  it('requires names and limits string lengths', () => {
    expect(problems(checkCompany, { id: 'x', source: 's' })).toEqual({ 'input.name': '"name" is required.' });
    expect(problems(checkCompany, { id: 'x', name: '   ', source: 's' })).toHaveProperty(['input.name']);
    expect(problems(checkCompany, { id: 'x', name: 'n'.repeat(301), source: 's' })['input.name']).toMatch(/at most 300/);
    expect(problems(checkCompany, { id: 'x', name: 'N', aliases: ['ok', 'a'.repeat(301)], source: 's' })).toHaveProperty(['input.aliases[1]']);
  });

  it('refuses control and bidirectional formatting characters, naming the field and the character', () => {
    const name = (value: string) => problems(checkCompany, { id: 'x', name: value, source: 's' })['input.name'];
    expect(name('Acme\u0000 Ltd')).toMatch(/^"name" must not contain U\+0000 \(a control character\), found at character 5\./);
    expect(name('Acme\u202Egnp.exe')).toMatch(/U\+202E \(a bidirectional formatting character\)/);
    for (const char of ['\u0007', '\u001B', '\u007F', '\u0085', '\u202A', '\u202D', '\u2066', '\u2069', '\n', '\t', '\r', '\uFFFF', '\uD800']) {
      expect(name(`a${char}b`), JSON.stringify(char)).toMatch(/must not contain U\+/);
    }
    // Long text may hold line feeds and tabs (CRLF becomes LF), but nothing else of the kind.
    const statement = (value: string) => {
      const c = new Checker('input');
      const { row } = checkPledge(c, { id: 'p', pledger: 'x', kind: 'NET_ZERO', status: 'ANNOUNCED', statement: value, source: 's' });
      return { problem: c.problems[0]?.message, stored: row?.props.statement };
    };
    expect(statement('First line.\r\n\tSecond line.')).toEqual({ problem: undefined, stored: 'First line.\n\tSecond line.' });
    expect(statement('a\u2067b').problem).toMatch(/^"statement" must not contain U\+2067/);
    expect(statement('a\u0000b').problem).toMatch(/Line feeds and tabs are the only control characters allowed here/);
    // Text that only looks unusual is fine: Chinese, emoji (a surrogate pair), the left-to-right mark, XML specials.
    expect(name('湖北 <"&"> 🌱 \u200E')).toBeUndefined();
    // Every text field, in lists and nested inputs too.
    const found = problems(checkPartnership, {
      id: 'p', kind: 'CO_BUILD', title: 'T\u202B', province: 'CN-HB', source: 's',
      unnamedParticipants: [{ role: 'PARTNER', description: 'x\u0001' }],
    });
    expect(Object.keys(found).sort()).toEqual(['input.title', 'input.unnamedParticipants[0].description']);
    expect(problems(checkCompany, { id: 'x', name: 'N', aliases: ['ok', 'b\u2068'], source: 's' })).toHaveProperty(['input.aliases[1]']);
  });

  it('refuses the same company twice among the participants', () => {
    const found = problems(checkPartnership, {
      id: 'p', kind: 'CO_BUILD', title: 'T', province: 'CN-HB', source: 's',
      participants: [{ company: 'a', role: 'LEAD' }, { company: 'b', role: 'PARTNER' }, { company: 'a', role: 'INVESTOR' }],
    });
    expect(found).toEqual({
      'input.participants[2].company': '"a" is listed twice (participants[0] and participants[2]); a company takes part once, with one role.',
    });
  });

  it('checks province and country codes', () => {
    expect(problems(checkPark, { id: 'p', name: 'P', province: 'CN-XX', source: 's' })['input.province']).toMatch(/ISO 3166-2:CN/);
    expect(problems(checkPark, { id: 'p', name: 'P', province: 'CN-HB', source: 's' })).toEqual({});
    expect(problems(checkCompany, { id: 'c', name: 'C', country: 'Germany', source: 's' })['input.country']).toMatch(/alpha-2/);
  });

  it('checks enums, years and dates', () => {
    expect(problems(checkPledge, { id: 'p', pledger: 'x', kind: 'NET_ZERO', status: 'DONE', source: 's' })['input.status']).toMatch(/PROPOSED, ANNOUNCED/);
    expect(problems(checkPledge, { id: 'p', pledger: 'x', kind: 'NET_ZERO', status: 'ANNOUNCED', targetYear: 1989, source: 's' })['input.targetYear']).toMatch(/1990 to 2100/);
    expect(problems(checkPledge, { id: 'p', pledger: 'x', kind: 'NET_ZERO', status: 'ANNOUNCED', targetYear: 2101, source: 's' })).toHaveProperty(['input.targetYear']);
    expect(problems(checkPledge, { id: 'p', pledger: 'DE', kind: 'NET_ZERO', status: 'ANNOUNCED', targetYear: 2060, source: 's' })).toEqual({});
    expect(problems(checkFacility, { id: 'f', name: 'F', kind: 'MINE', province: 'CN-HB', source: 's' })).toHaveProperty(['input.kind']);
    const dates = problems(checkPartnership, { id: 'p', kind: 'CO_BUILD', title: 'T', province: 'CN-HB', startedOn: '2024-13', endedOn: '1850', source: 's' });
    expect(Object.keys(dates).sort()).toEqual(['input.endedOn', 'input.startedOn']);
    expect(problems(checkPartnership, { id: 'p', kind: 'CO_BUILD', title: 'T', province: 'CN-HB', startedOn: '2024-05', endedOn: '2023', source: 's' })['input.endedOn']).toMatch(/before/);
  });

  it('names the path of a bad participant', () => {
    const found = problems(checkPartnership, {
      id: 'p', kind: 'CO_BUILD', title: 'T', parks: ['park'], source: 's',
      participants: [{ company: 'ok', role: 'LEAD' }, { company: 'Not An Id', role: 'BOSS' }],
      unnamedParticipants: [{ role: 'PARTNER' }],
    });
    expect(Object.keys(found).sort()).toEqual([
      'input.participants[1].company',
      'input.participants[1].role',
      'input.unnamedParticipants[0].description',
    ]);
  });

  it('needs parks or a province for a partnership', () => {
    expect(problems(checkPartnership, { id: 'p', kind: 'CO_BUILD', title: 'T', source: 's' })).toHaveProperty(['input.parks']);
  });

  it('refuses a company as its own parent, and shares outside 0..100', () => {
    expect(problems(checkParent, { company: 'a', parent: 'a', kind: 'SUBSIDIARY', source: 's' })['input.parent']).toMatch(/own parent/);
    expect(problems(checkParent, { company: 'a', parent: 'b', kind: 'SUBSIDIARY', sharePercent: 120, source: 's' })).toHaveProperty(['input.sharePercent']);
  });

  it('keeps only the fields given, so that an upsert leaves the others alone', () => {
    const c = new Checker('');
    const { row } = checkCompany(c, { id: 'x', name: 'X', source: 's' });
    expect(row!.props).toEqual({ name: 'X' });
  });

  it('finds parent cycles', () => {
    const parents = new Map([['b', 'a'], ['c', 'b']]);
    expect(closesCycle(parents, 'a', 'c')).toBe(true);
    expect(closesCycle(parents, 'a', 'a')).toBe(true);
    expect(closesCycle(parents, 'd', 'c')).toBe(false);
  });
});
