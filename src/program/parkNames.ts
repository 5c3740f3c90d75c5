/**
 * English names and ids of parks from their Chinese names, as cities get
 * theirs (src/city/cityNames.ts): Hanyu Pinyin by the basic rules of Pinyin
 * orthography, each word of the name capitalized and written apart. A name
 * is given as its words (`河北 唐山 乐亭 经济 开发区`), since no word
 * segmenter at hand splits park names reliably.
 *
 * Used by generateNationalList.ts only: pinyin-pro is a development dependency.
 */
import { pinyinWord } from '../city/cityNames.js';

/**
 * Place names whose reading pinyin-pro gets wrong out of context: 乐亭
 * (a county of Tangshan) is read Lào, not lè.
 */
const PLACE_READINGS: Readonly<Record<string, string>> = { 乐亭: 'Laoting' };

/** The Chinese name: the words joined. */
export const localParkName = (words: string): string => words.split(/\s+/).join('');

/** `河北 唐山 乐亭 经济 开发区` → `Hebei Tangshan Laoting Jingji Kaifaqu`. */
export const englishParkName = (words: string): string =>
  words
    .split(/\s+/)
    .map((word) => PLACE_READINGS[word] ?? pinyinWord(word))
    .join(' ');

/** `Hebei Tangshan Laoting Jingji Kaifaqu` → `hebei-tangshan-laoting-jingji-kaifaqu`. */
export const parkIdOf = (englishName: string): string =>
  englishName
    .toLowerCase()
    .replace(/'/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
