/**
 * In-memory implementations of the contest ports: the test fakes of the organizer's workspace, and
 * the source of the demo contest until the workspace (its own issue) provides the real ones.
 */
import type { Question } from '@cv/shared/protocol';
import type {
  ApprovedQuestion,
  ExclusionList,
  QuestionBankReader,
  TopicRef,
  UnitDirectory,
  UnitRef,
} from './ports.ts';

export class MemoryQuestionBank implements QuestionBankReader {
  private readonly versions: ApprovedQuestion[] = [];
  constructor(private readonly topicList: TopicRef[] = []) {}

  addTopic(topic: TopicRef): void {
    this.topicList.push(topic);
  }

  /** approve (a new version of) a question under a topic */
  approve(topicId: string, question: Question): ApprovedQuestion {
    const version = this.versions.filter((v) => v.questionId === question.id).length + 1;
    const entry = { questionId: question.id, version, topicId, question };
    this.versions.push(entry);
    return entry;
  }

  async topics(): Promise<TopicRef[]> {
    return this.topicList.slice();
  }

  async approvedQuestions(filter?: { topicIds?: readonly string[] }): Promise<ApprovedQuestion[]> {
    const latest = new Map<string, ApprovedQuestion>();
    for (const v of this.versions) latest.set(v.questionId, v);
    return [...latest.values()].filter((q) => !filter?.topicIds || filter.topicIds.includes(q.topicId));
  }

  async questionVersion(questionId: string, version: number): Promise<ApprovedQuestion | null> {
    return this.versions.find((v) => v.questionId === questionId && v.version === version) ?? null;
  }
}

export class MemoryUnitDirectory implements UnitDirectory {
  constructor(private list: UnitRef[] = []) {}
  set(list: UnitRef[]): void {
    this.list = list;
  }
  async units(): Promise<UnitRef[]> {
    return this.list.slice();
  }
}

export class MemoryExclusionList implements ExclusionList {
  private readonly ids = new Set<string>();
  constructor(ids: Iterable<string> = []) {
    for (const id of ids) this.ids.add(id);
  }
  add(idNumber: string): void {
    this.ids.add(idNumber);
  }
  async isExcluded(idNumber: string): Promise<boolean> {
    return this.ids.has(idNumber);
  }
}
