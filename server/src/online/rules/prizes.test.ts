import { describe, expect, it } from 'vitest';
import { proposeCollectivePrizes, proposeIndividualPrizes } from './prizes.ts';

const ranks = (...r: number[]) => r.map((rank) => ({ rank }));
const SEED = { first: 1, second: 1, third: 1, consolation: 2 };

describe('prize proposal', () => {
  it('gives the seed plan’s 1/1/1/2 to the first five positions', () => {
    const { prizes, warnings } = proposeIndividualPrizes(ranks(1, 2, 3, 4, 5, 6, 7), SEED);
    expect(prizes).toEqual(['first', 'second', 'third', 'consolation', 'consolation', null, null]);
    expect(warnings).toEqual([]);
  });

  it('tied rows share the best prize of their group, and the slots they used are gone', () => {
    const { prizes, warnings } = proposeIndividualPrizes(ranks(1, 1, 3, 4, 5, 6), SEED);
    expect(prizes).toEqual(['first', 'first', 'third', 'consolation', 'consolation', null]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/2 đồng hạng 1 cùng nhận Giải Nhất/);
  });

  it('a tie on the last prize extends it and asks the BTC', () => {
    const { prizes, warnings } = proposeIndividualPrizes(ranks(1, 2, 3, 4, 5, 5, 5, 8), SEED);
    expect(prizes).toEqual([
      'first',
      'second',
      'third',
      'consolation',
      'consolation',
      'consolation',
      'consolation',
      null,
    ]);
    expect(warnings[0]).toMatch(/3 đồng hạng 5 cùng nhận Giải Khuyến khích/);
  });

  it('a tie inside one prize level needs no decision', () => {
    const { prizes, warnings } = proposeIndividualPrizes(ranks(1, 2, 3, 4, 4, 6), SEED);
    expect(prizes).toEqual(['first', 'second', 'third', 'consolation', 'consolation', null]);
    expect(warnings).toEqual([]);
  });

  it('zero prizes of a level skip it; collective prizes have three levels', () => {
    expect(
      proposeIndividualPrizes(ranks(1, 2), { first: 0, second: 1, third: 0, consolation: 1 }).prizes,
    ).toEqual(['second', 'consolation']);
    expect(proposeCollectivePrizes(ranks(1, 2, 3, 4), { first: 1, second: 1, third: 1 }).prizes).toEqual([
      'first',
      'second',
      'third',
      null,
    ]);
  });
});
