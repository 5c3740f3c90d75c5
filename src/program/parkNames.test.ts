import { describe, expect, it } from 'vitest';
import { englishParkName, localParkName, parkIdOf } from './parkNames.js';

describe('park names', () => {
  it('writes each word of a park name as a capitalized Pinyin word', () => {
    expect(englishParkName('内蒙古 鄂尔多斯 蒙苏 经济 开发区')).toBe("Neimenggu E'erduosi Mengsu Jingji Kaifaqu");
  });

  it('reads 乐亭 as the county is read, Laoting', () => {
    expect(englishParkName('河北 唐山 乐亭 经济 开发区')).toBe('Hebei Tangshan Laoting Jingji Kaifaqu');
  });

  it('joins the words back into the Chinese name and slugs the English one into an id', () => {
    expect(localParkName('重庆 两江 新区')).toBe('重庆两江新区');
    expect(parkIdOf("Neimenggu E'erduosi Mengsu Jingji Kaifaqu")).toBe('neimenggu-eerduosi-mengsu-jingji-kaifaqu');
  });
});
