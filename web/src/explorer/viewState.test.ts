import { describe, expect, it } from 'vitest';
import { defaultViewState, isProvinceCode, parseViewState, viewStateQuery, type ViewState } from './viewState.js';

describe('the view state in the URL', () => {
  it('round-trips every part of a view', () => {
    const view: ViewState = {
      id: 'CN-HB',
      depth: 2,
      layout: 'concentric',
      hiddenTypes: ['Pledge', 'Country'],
      hiddenRelationships: ['LOCATED_IN'],
      since: 2020,
      until: 2030,
      program: 'national-zero-carbon-park-list',
      expanded: ['schneider-electric', 'hubei'],
      selected: 'schneider-electric',
      path: ['schneider-electric', 'CN'],
    };
    const query = viewStateQuery(view);
    expect(query).toBe(
      '?id=CN-HB&depth=2&layout=concentric&hide=Pledge,Country&hideRel=LOCATED_IN&since=2020&until=2030&program=national-zero-carbon-park-list&expand=schneider-electric,hubei&selected=schneider-electric&path=schneider-electric,CN',
    );
    expect(parseViewState(query)).toEqual(view);
  });

  it('leaves defaults out, so that the plain link is just the id', () => {
    expect(viewStateQuery({ ...defaultViewState(), id: 'hubei' })).toBe('?id=hubei');
    expect(viewStateQuery(defaultViewState())).toBe('');
  });

  it('falls back to the default for anything that makes no sense, instead of failing', () => {
    const state = parseViewState('?id=%20hubei%20&depth=9&layout=spiral&since=twenty&until=20300&path=a&hide=,,Pledge,Pledge');
    expect(state).toEqual({ ...defaultViewState(), id: 'hubei', hiddenTypes: ['Pledge'] });
    expect(parseViewState('?depth=0').depth).toBe(1);
  });

  it('orders a year range given backwards', () => {
    expect(parseViewState('?since=2040&until=2020')).toMatchObject({ since: 2020, until: 2040 });
  });

  it('tells a province code from an id', () => {
    expect(isProvinceCode('CN-HB')).toBe(true);
    expect(isProvinceCode('cn-hb')).toBe(true);
    expect(isProvinceCode('hubei')).toBe(false);
    expect(isProvinceCode('CN')).toBe(false);
  });
});
