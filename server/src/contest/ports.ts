/**
 * What the online rounds read from the organizer's workspace: approved questions of the bank,
 * the two-level unit list with roster headcounts, and the exclusion list. The workspace
 * implements these; the online rounds depend on nothing else of it, so either side can change
 * behind them.
 */
import type { Question } from '@cv/shared/protocol';

export interface TopicRef {
  topicId: string;
  name: string;
}

/** one approved version of a bank question; a round or show keeps the exact version it used */
export interface ApprovedQuestion {
  questionId: string;
  version: number;
  topicId: string;
  /** the engine's question, key included: never sent to a candidate as it is */
  question: Question;
}

export interface QuestionBankReader {
  topics(): Promise<TopicRef[]>;
  /** the latest approved version of each approved question, optionally only of the given topics */
  approvedQuestions(filter?: { topicIds?: readonly string[] }): Promise<ApprovedQuestion[]>;
  /** an exact version, approved or since superseded; null if it never existed */
  questionVersion(questionId: string, version: number): Promise<ApprovedQuestion | null>;
}

/** a unit (đơn vị) under its group (e.g. "Khối các sở, ngành" → "Sở Tư pháp") */
export interface UnitRef {
  unitId: string;
  name: string;
  groupId: string;
  groupName: string;
  /** roster headcount for participation rates; null when the organizers gave none */
  headcount: number | null;
}

export interface UnitDirectory {
  units(): Promise<UnitRef[]>;
}

/** CCCD (12 digits) / CMND (9 digits) of BTC, BGK, Tổ thư ký and helpers: they may not take part */
export interface ExclusionList {
  /** idNumber is already normalised to its digits */
  isExcluded(idNumber: string): Promise<boolean>;
}

export type StaffRole = 'admin' | 'reviewer' | 'mc' | 'judge' | 'secretary';
