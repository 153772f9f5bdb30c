import { describe, expect, it } from 'vitest';
import type { UnitRef } from '../../contest/ports.ts';
import { rankUnits } from './collective.ts';

const unit = (unitId: string, headcount: number | null): UnitRef => ({
  unitId,
  name: `Đơn vị ${unitId}`,
  groupId: 'g',
  groupName: 'Khối các sở, ngành',
  headcount,
});
const UNITS = [unit('big', 1000), unit('small', 20), unit('none', null), unit('empty', 50)];
const members = [
  ...Array.from({ length: 100 }, () => ({ unitId: 'big', correct: 10 })),
  ...Array.from({ length: 15 }, () => ({ unitId: 'small', correct: 18 })),
  ...Array.from({ length: 30 }, () => ({ unitId: 'none', correct: 12 })),
  { unitId: null, correct: 20 },
];

describe('collective ranking', () => {
  it('by participants', () => {
    const rows = rankUnits(UNITS, members, 'participants');
    expect(rows.map((r) => [r.unitId, r.participants, r.rank])).toEqual([
      ['big', 100, 1],
      ['none', 30, 2],
      ['small', 15, 3],
      ['empty', 0, 4],
    ]);
  });

  it('by participation rate against the roster; without a headcount after those with one; nobody there last', () => {
    const rows = rankUnits(UNITS, members, 'rate');
    expect(rows.map((r) => [r.unitId, r.rate])).toEqual([
      ['small', 0.75],
      ['big', 0.1],
      ['none', null],
      ['empty', 0],
    ]);
  });

  it('by average score', () => {
    const rows = rankUnits(UNITS, members, 'average');
    expect(rows.map((r) => [r.unitId, r.average])).toEqual([
      ['small', 18],
      ['none', 12],
      ['big', 10],
      ['empty', null],
    ]);
  });

  it('equal measures share a rank', () => {
    const rows = rankUnits(
      [unit('a', 10), unit('b', 10)],
      [
        { unitId: 'a', correct: 1 },
        { unitId: 'b', correct: 5 },
      ],
      'rate',
    );
    expect(rows.map((r) => [r.rank, r.tied])).toEqual([
      [1, true],
      [1, true],
    ]);
  });
});
