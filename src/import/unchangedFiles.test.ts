import { describe, expect, it } from 'vitest';
import { VersionChain } from './unchangedFiles.js';

const v = (version: number, epoch = 'e') => ({ epoch, version });

describe('VersionChain', () => {
  it('vouches for the last version when every batch that wrote moved it by one and the others left it', () => {
    const chain = new VersionChain(v(7));
    chain.batch(v(8), true);
    chain.batch(v(8), false);
    chain.batch(v(9), true);
    expect(chain.stampable).toEqual(v(9));
  });

  it('vouches for nothing once another write came between (a version moved without a batch of ours, or by more than one)', () => {
    const quiet = new VersionChain(v(7));
    quiet.batch(v(8), false);
    expect(quiet.stampable).toBeNull();
    const between = new VersionChain(v(7));
    between.batch(v(9), true);
    between.batch(v(10), true);
    expect(between.stampable).toBeNull();
  });

  it('vouches for nothing without a start, across a new epoch, or when told a row stayed retired', () => {
    expect(new VersionChain(null).stampable).toBeNull();
    const wiped = new VersionChain(v(7));
    wiped.batch(v(8, 'other'), true);
    expect(wiped.stampable).toBeNull();
    const retired = new VersionChain(v(7));
    retired.breakChain();
    retired.batch(v(8), true);
    expect(retired.stampable).toBeNull();
  });
});
