/**
 * English names of China's prefecture-level divisions, derived from their
 * Chinese names: the Hanyu Pinyin that pinyin-pro gives, written by the
 * basic rules of Pinyin orthography (GB/T 16159): a proper name as one
 * capitalized word, an apostrophe before a syllable that starts with a, o or
 * e inside a word (Xi'an), and the generic term as a word of its own, except
 * 市 ("city"), which English names leave out (沈阳市 → Shenyang).
 *
 * Used only by generateCities.ts, which writes seed/reference/cities.json:
 * pinyin-pro is a development dependency, never loaded by the server.
 */
import { pinyin } from 'pinyin-pro';
import { splitDivisionName } from './divisionName.js';

/** One Pinyin word, without tone marks: 西安 → Xi'an, 大兴安岭 → Daxing'anling. */
export function pinyinWord(chinese: string): string {
  const syllables = pinyin(chinese, { toneType: 'none', type: 'array' });
  const word = syllables.map((s, i) => (i > 0 && /^[aoe]/.test(s) ? `'${s}` : s)).join('');
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** The English name of a prefecture-level division: 沈阳市 → Shenyang, 锡林郭勒盟 → Xilinguole Meng. */
export function englishDivisionName(localName: string): string {
  const split = splitDivisionName(localName);
  if (!split) throw new Error(`${localName} is not the name of a prefecture-level division (it ends in none of 市, 地区, 盟, 自治州).`);
  const proper = pinyinWord(split.proper);
  return split.kind === 'CITY' ? proper : `${proper} ${pinyinWord(split.generic)}`;
}
