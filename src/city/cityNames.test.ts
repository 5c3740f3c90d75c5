import { describe, expect, it } from 'vitest';
import { englishDivisionName, pinyinWord } from './cityNames.js';
import { splitDivisionName } from './divisionName.js';

describe('English names of prefecture-level divisions', () => {
  it('drops 市 and writes the proper name as one capitalized Pinyin word', () => {
    expect(englishDivisionName('沈阳市')).toBe('Shenyang');
    expect(englishDivisionName('呼和浩特市')).toBe('Huhehaote');
  });

  it('reads polyphonic characters as words, not one by one', () => {
    expect(pinyinWord('六安')).toBe("Lu'an");
    expect(pinyinWord('蚌埠')).toBe('Bengbu');
    expect(pinyinWord('重庆')).toBe('Chongqing');
  });

  it("marks a syllable that starts with a, o or e inside a word with an apostrophe", () => {
    expect(englishDivisionName('西安市')).toBe("Xi'an");
    expect(englishDivisionName('大兴安岭地区')).toBe("Daxing'anling Diqu");
  });

  it('keeps the generic term of leagues, prefectures and autonomous prefectures as a word of its own', () => {
    expect(englishDivisionName('锡林郭勒盟')).toBe('Xilinguole Meng');
    expect(splitDivisionName('延边朝鲜族自治州')).toEqual({ proper: '延边朝鲜族', generic: '自治州', kind: 'AUTONOMOUS_PREFECTURE' });
    expect(englishDivisionName('延边朝鲜族自治州')).toBe('Yanbianchaoxianzu Zizhizhou');
  });

  it('refuses names of other divisions', () => {
    expect(splitDivisionName('市辖区')).toBeNull();
    expect(splitDivisionName('省直辖县级行政区划')).toBeNull();
    expect(() => englishDivisionName('县')).toThrow(/not the name of a prefecture-level division/);
  });
});
