/**
 * The contest ports read from a JSON file (ONLINE_CONTEST_FIXTURE): how the simulation and the bench
 * give a server child process a known question bank, unit list and exclusion list until the
 * organizer's workspace serves them. Shape: { topics, questions: [{ topicId, question }], units, excluded }.
 */
import { readFileSync } from 'node:fs';
import type { Question } from '@cv/shared/protocol';
import { MemoryExclusionList, MemoryQuestionBank, MemoryUnitDirectory } from './memory.ts';
import type { TopicRef, UnitRef } from './ports.ts';

export interface ContestFixture {
  topics: TopicRef[];
  questions: { topicId: string; question: Question }[];
  units: UnitRef[];
  excluded: string[];
}

export function contestFromFixture(fixture: ContestFixture) {
  const bank = new MemoryQuestionBank(fixture.topics.slice());
  for (const q of fixture.questions) bank.approve(q.topicId, q.question);
  return {
    bank,
    units: new MemoryUnitDirectory(fixture.units),
    exclusions: new MemoryExclusionList(fixture.excluded),
  };
}

export const contestFromFile = (file: string) =>
  contestFromFixture(JSON.parse(readFileSync(file, 'utf8')) as ContestFixture);
