/**
 * The question bank: topics, questions with versions, and the review workflow
 *   draft → submitted → approved | returned (with a comment) → (edited) draft → …
 * Editing an approved question opens a new version; the approved one stays usable until the new
 * one is approved, and every version stays readable forever, so a show or round keeps exactly
 * what it used. Implements the online rounds' QuestionBankReader.
 */
import type {
  BankContent,
  BankQuestionDetail,
  BankQuestionRow,
  BankQuestionVersion,
  Question,
  QuestionPool,
  ReviewEvent,
  Topic,
} from '@cv/shared/protocol';
import type { ApprovedQuestion, QuestionBankReader, TopicRef } from '../../contest/ports.ts';
import type { DocWrite, StoredDoc } from '../../storage/workspace/index.ts';
import { auditOf, COLLECTIONS as C, WorkspaceError, type Actor, type WorkspaceDeps } from '../context.ts';
import { duplicateKey } from './text.ts';

export interface QuestionDoc {
  questionId: string;
  versions: (BankQuestionVersion & { authors: string[] })[];
  history: ReviewEvent[];
  duplicateOf: string[];
  createdAt: number;
  updatedAt: number;
}

/** the seven topics of the contest plan (Kế hoạch, mục II.1) */
export const PLAN_TOPICS: readonly string[] = [
  'Ứng dụng định danh điện tử (VNeID)',
  'Mã QR',
  '25 dịch vụ công thiết yếu',
  'Thẻ Căn cước công dân, thiết bị đọc QR code, chíp trên thẻ',
  'Phương pháp tuyên truyền, hướng dẫn người dân thực hiện Đề án 06',
  'Dự thảo Luật Căn cước công dân (sửa đổi)',
  'Một số nội dung khác có liên quan',
];

export const BANK_SCOPE = 'bank';
const formatId = (n: number) => `CH${String(n).padStart(5, '0')}`;

export interface BankFilter {
  status?: BankQuestionVersion['status'];
  topicId?: string;
  kind?: BankContent['kind'];
  q?: string;
  approvedOnly?: boolean;
}

export class BankService implements QuestionBankReader {
  constructor(private readonly deps: WorkspaceDeps) {}

  private get now(): number {
    return this.deps.clock();
  }

  // ------------------------------------------------------------ topics

  async seedTopics(actor: Actor): Promise<void> {
    if ((await this.deps.ws.list(C.topics)).length > 0) return;
    const topics: Topic[] = PLAN_TOPICS.map((name, i) => ({ topicId: `t${i + 1}`, name, order: i + 1 }));
    await this.deps.ws.write(
      topics.map((t) => ({ op: 'put', collection: C.topics, id: t.topicId, doc: t, expect: 'absent' })),
      [auditOf(actor, this.now, BANK_SCOPE, 'topic.seed', 'topics', null, topics)],
    );
  }

  async listTopics(): Promise<Topic[]> {
    return (await this.deps.ws.list<Topic>(C.topics)).map((d) => d.doc).sort((a, b) => a.order - b.order);
  }

  async topics(): Promise<TopicRef[]> {
    return (await this.listTopics()).map(({ topicId, name }) => ({ topicId, name }));
  }

  async createTopic(actor: Actor, name: string): Promise<Topic> {
    const topics = await this.listTopics();
    if (topics.some((t) => duplicateKey(t.name) === duplicateKey(name)))
      throw new WorkspaceError('CONFLICT', `Đã có chủ đề "${name}".`);
    const n = await this.deps.ws.allocate('topic', 1);
    const topic: Topic = { topicId: `t${PLAN_TOPICS.length + n}`, name, order: topics.length + 1 };
    await this.deps.ws.write(
      [{ op: 'put', collection: C.topics, id: topic.topicId, doc: topic, expect: 'absent' }],
      [auditOf(actor, this.now, BANK_SCOPE, 'topic.create', topic.topicId, null, topic)],
    );
    return topic;
  }

  private async topicName(topicId: string): Promise<string> {
    const topic = await this.deps.ws.get<Topic>(C.topics, topicId);
    if (!topic) throw new WorkspaceError('BAD_REQUEST', `topicId: không có chủ đề "${topicId}".`);
    return topic.doc.name;
  }

  // ------------------------------------------------------------ reading

  private async all(): Promise<StoredDoc<QuestionDoc>[]> {
    return this.deps.ws.list<QuestionDoc>(C.questions);
  }

  private async mustGet(questionId: string): Promise<StoredDoc<QuestionDoc>> {
    const stored = await this.deps.ws.get<QuestionDoc>(C.questions, questionId);
    if (!stored) throw new WorkspaceError('QUESTION_NOT_FOUND', `Không có câu hỏi ${questionId}.`);
    return stored;
  }

  async list(filter: BankFilter = {}): Promise<BankQuestionRow[]> {
    const needle = filter.q ? duplicateKey(filter.q) : null;
    const rows: BankQuestionRow[] = [];
    for (const { doc, rev } of await this.all()) {
      const row = rowOf(doc, rev);
      if (filter.status && row.status !== filter.status) continue;
      if (filter.approvedOnly && row.approvedVersion === null) continue;
      const shown = filter.approvedOnly ? approvedOf(doc)!.content : head(doc).content;
      if (filter.topicId && shown.topicId !== filter.topicId) continue;
      if (filter.kind && shown.kind !== filter.kind) continue;
      if (
        needle &&
        !duplicateKey(shown.prompt).includes(needle) &&
        !doc.questionId.toLowerCase().includes(needle)
      )
        continue;
      rows.push(filter.approvedOnly ? { ...row, ...pick(shown), version: row.approvedVersion! } : row);
    }
    return rows;
  }

  async detail(questionId: string): Promise<BankQuestionDetail> {
    const { doc, rev } = await this.mustGet(questionId);
    return detailOf(doc, rev);
  }

  async approvedQuestions(filter: { topicIds?: readonly string[] } = {}): Promise<ApprovedQuestion[]> {
    const names = new Map((await this.listTopics()).map((t) => [t.topicId, t.name]));
    const out: ApprovedQuestion[] = [];
    for (const { doc } of await this.all()) {
      const approved = approvedOf(doc);
      if (!approved) continue;
      if (filter.topicIds && !filter.topicIds.includes(approved.content.topicId)) continue;
      out.push(approvedQuestionOf(doc.questionId, approved, names.get(approved.content.topicId)));
    }
    return out;
  }

  async questionVersion(questionId: string, version: number): Promise<ApprovedQuestion | null> {
    const stored = await this.deps.ws.get<QuestionDoc>(C.questions, questionId);
    const found = stored?.doc.versions.find((v) => v.version === version);
    // a version nobody approved is not a question anyone may use
    if (!found || (found.status !== 'approved' && found.status !== 'superseded')) return null;
    const topic = await this.deps.ws.get<Topic>(C.topics, found.content.topicId);
    return approvedQuestionOf(questionId, found, topic?.doc.name);
  }

  /** the exact version, for a show: it must be or have been approved */
  async usableVersion(questionId: string, version: number): Promise<ApprovedQuestion> {
    const usable = await this.questionVersion(questionId, version);
    if (usable) return usable;
    const stored = await this.deps.ws.get<QuestionDoc>(C.questions, questionId);
    if (!stored?.doc.versions.some((v) => v.version === version))
      throw new WorkspaceError('QUESTION_NOT_FOUND', `Không có câu hỏi ${questionId} phiên bản ${version}.`);
    throw new WorkspaceError(
      'NOT_APPROVED',
      `Câu ${questionId} phiên bản ${version} chưa được thẩm định duyệt.`,
    );
  }

  // ------------------------------------------------------------ writing

  /** new drafts, all in one write (an import is all or nothing) */
  async createMany(
    actor: Actor,
    contents: BankContent[],
    audit: (docs: QuestionDoc[]) => { action: string; target: string; after: unknown },
    status: 'draft' | 'approved' = 'draft',
  ): Promise<QuestionDoc[]> {
    if (contents.length === 0) return [];
    const topics = new Set((await this.listTopics()).map((t) => t.topicId));
    for (const c of contents)
      if (!topics.has(c.topicId))
        throw new WorkspaceError('BAD_REQUEST', `topicId: không có chủ đề "${c.topicId}".`);
    const first = await this.deps.ws.allocate('question', contents.length);
    const now = this.now;
    const byKey = await this.duplicateIndex();
    const docs = contents.map((content, i): QuestionDoc => {
      const questionId = formatId(first + i);
      const key = duplicateKey(content.prompt);
      const duplicateOf = [...(byKey.get(key) ?? [])];
      byKey.set(key, [...duplicateOf, questionId]);
      const history: ReviewEvent[] = [
        { at: now, by: actor.accountId ?? actor.via, byName: actor.name, action: 'created', version: 1 },
      ];
      if (status === 'approved')
        history.push({
          at: now,
          by: actor.accountId ?? actor.via,
          byName: actor.name,
          action: 'approved',
          version: 1,
        });
      return {
        questionId,
        versions: [
          {
            version: 1,
            status,
            content,
            createdBy: actor.accountId ?? actor.via,
            createdAt: now,
            authors: [actor.accountId ?? actor.via],
            ...(status === 'approved' ? { reviewedBy: actor.accountId ?? actor.via, reviewedAt: now } : {}),
          },
        ],
        history,
        duplicateOf,
        createdAt: now,
        updatedAt: now,
      };
    });
    const entry = audit(docs);
    await this.deps.ws.write(
      docs.map((d) => ({
        op: 'put',
        collection: C.questions,
        id: d.questionId,
        doc: d,
        expect: 'absent' as const,
      })),
      [auditOf(actor, now, BANK_SCOPE, entry.action, entry.target, null, entry.after)],
    );
    return docs;
  }

  async create(actor: Actor, content: BankContent): Promise<BankQuestionDetail> {
    await this.topicName(content.topicId);
    const [doc] = await this.createMany(actor, [content], ([d]) => ({
      action: 'question.create',
      target: `${d.questionId} v1`,
      after: content,
    }));
    return detailOf(doc, 1);
  }

  /** normalised prompt → questions having it (newest version of each) */
  async duplicateIndex(exceptId?: string): Promise<Map<string, string[]>> {
    const index = new Map<string, string[]>();
    for (const { doc } of await this.all()) {
      if (doc.questionId === exceptId) continue;
      const key = duplicateKey(head(doc).content.prompt);
      index.set(key, [...(index.get(key) ?? []), doc.questionId]);
    }
    return index;
  }

  async edit(
    actor: Actor,
    questionId: string,
    rev: number,
    content: BankContent,
  ): Promise<BankQuestionDetail> {
    await this.topicName(content.topicId);
    const stored = await this.mustGet(questionId);
    if (stored.rev !== rev)
      throw new WorkspaceError('CONFLICT', `Câu ${questionId} vừa được người khác sửa: hãy tải lại.`);
    const doc = stored.doc;
    const last = head(doc);
    const now = this.now;
    const by = actor.accountId ?? actor.via;
    let versions: QuestionDoc['versions'];
    let version: number;
    switch (last.status) {
      case 'submitted':
        throw new WorkspaceError(
          'WRONG_STATUS',
          `Câu ${questionId} đang chờ thẩm định: chờ duyệt hoặc trả lại rồi mới sửa.`,
        );
      case 'draft':
      case 'returned':
        version = last.version;
        versions = [
          ...doc.versions.slice(0, -1),
          { ...last, status: 'draft', content, authors: [...new Set([...last.authors, by])] },
        ];
        break;
      case 'approved':
      case 'superseded':
        version = last.version + 1;
        versions = [
          ...doc.versions,
          { version, status: 'draft', content, createdBy: by, createdAt: now, authors: [by] },
        ];
        break;
    }
    const duplicateOf = (await this.duplicateIndex(questionId)).get(duplicateKey(content.prompt)) ?? [];
    const after: QuestionDoc = {
      ...doc,
      versions,
      duplicateOf,
      history: [...doc.history, { at: now, by, byName: actor.name, action: 'edited', version }],
      updatedAt: now,
    };
    await this.deps.ws.write(
      [{ op: 'put', collection: C.questions, id: questionId, doc: after, expect: stored.rev }],
      [auditOf(actor, now, BANK_SCOPE, 'question.edit', `${questionId} v${version}`, last.content, content)],
    );
    return detailOf(after, stored.rev + 1);
  }

  async submit(actor: Actor, questionId: string): Promise<BankQuestionDetail> {
    return this.transition(actor, questionId, null, 'submitted', ['draft', 'returned'], 'question.submit');
  }

  async approve(
    actor: Actor,
    questionId: string,
    version: number,
    comment?: string,
  ): Promise<BankQuestionDetail> {
    return this.transition(
      actor,
      questionId,
      version,
      'approved',
      ['submitted'],
      'question.approve',
      comment,
    );
  }

  async returnToAuthor(
    actor: Actor,
    questionId: string,
    version: number,
    comment: string,
  ): Promise<BankQuestionDetail> {
    return this.transition(actor, questionId, version, 'returned', ['submitted'], 'question.return', comment);
  }

  private async transition(
    actor: Actor,
    questionId: string,
    version: number | null,
    to: 'submitted' | 'approved' | 'returned',
    from: BankQuestionVersion['status'][],
    action: string,
    comment?: string,
  ): Promise<BankQuestionDetail> {
    const stored = await this.mustGet(questionId);
    const doc = stored.doc;
    const last = head(doc);
    if (version !== null && version !== last.version)
      throw new WorkspaceError(
        'CONFLICT',
        `Câu ${questionId} đã có phiên bản ${last.version}; hãy xem lại phiên bản mới nhất.`,
      );
    if (!from.includes(last.status))
      throw new WorkspaceError(
        'WRONG_STATUS',
        `Câu ${questionId} đang ở trạng thái "${STATUS_VI[last.status]}".`,
      );
    const by = actor.accountId ?? actor.via;
    if (to === 'approved' && actor.via !== 'system' && last.authors.includes(by))
      throw new WorkspaceError('SELF_REVIEW', 'Người thẩm định không được tự duyệt câu hỏi do mình soạn.');
    const now = this.now;
    const reviewed =
      to === 'submitted'
        ? {}
        : { reviewedBy: by, reviewedAt: now, ...(comment ? { reviewComment: comment } : {}) };
    const versions = doc.versions.map((v) => {
      if (v.version === last.version) return { ...v, status: to, ...reviewed };
      if (to === 'approved' && v.status === 'approved') return { ...v, status: 'superseded' as const };
      return v;
    });
    const after: QuestionDoc = {
      ...doc,
      versions,
      history: [
        ...doc.history,
        {
          at: now,
          by,
          byName: actor.name,
          action: ACTION_OF[to],
          version: last.version,
          ...(comment ? { comment } : {}),
        },
      ],
      updatedAt: now,
    };
    await this.deps.ws.write(
      [{ op: 'put', collection: C.questions, id: questionId, doc: after, expect: stored.rev }],
      [
        auditOf(
          actor,
          now,
          BANK_SCOPE,
          action,
          `${questionId} v${last.version}`,
          { status: last.status },
          {
            status: to,
            ...(comment ? { comment } : {}),
          },
        ),
      ],
    );
    return detailOf(after, stored.rev + 1);
  }

  /** only a question that never was approved: an approved one may sit in a show or round */
  async remove(actor: Actor, questionId: string): Promise<void> {
    const stored = await this.mustGet(questionId);
    if (stored.doc.versions.some((v) => v.status === 'approved' || v.status === 'superseded'))
      throw new WorkspaceError('WRONG_STATUS', `Câu ${questionId} đã từng được duyệt nên không xoá được.`);
    const writes: DocWrite[] = [
      { op: 'delete', collection: C.questions, id: questionId, expect: stored.rev },
    ];
    await this.deps.ws.write(writes, [
      auditOf(actor, this.now, BANK_SCOPE, 'question.delete', questionId, head(stored.doc).content, null),
    ]);
  }

  /** every question with its newest version (for exports) */
  async everything(): Promise<QuestionDoc[]> {
    return (await this.all()).map((d) => d.doc);
  }
}

const ACTION_OF = { submitted: 'submitted', approved: 'approved', returned: 'returned' } as const;

export const STATUS_VI: Record<BankQuestionVersion['status'], string> = {
  draft: 'Bản nháp',
  submitted: 'Chờ thẩm định',
  approved: 'Đã duyệt',
  returned: 'Trả lại',
  superseded: 'Đã thay bằng phiên bản mới',
};

export const head = (doc: QuestionDoc) => doc.versions[doc.versions.length - 1];
export function approvedOf(doc: QuestionDoc): QuestionDoc['versions'][number] | null {
  for (let i = doc.versions.length - 1; i >= 0; i--)
    if (doc.versions[i].status === 'approved') return doc.versions[i];
  return null;
}

function pick(c: BankContent) {
  return { topicId: c.topicId, kind: c.kind, prompt: c.prompt, difficulty: c.difficulty, tags: c.tags };
}

function rowOf(doc: QuestionDoc, rev: number): BankQuestionRow {
  const last = head(doc);
  const returned = last.status === 'returned' ? last.reviewComment : undefined;
  return {
    questionId: doc.questionId,
    rev,
    version: last.version,
    status: last.status,
    approvedVersion: approvedOf(doc)?.version ?? null,
    ...pick(last.content),
    duplicateOf: doc.duplicateOf,
    updatedAt: doc.updatedAt,
    ...(returned ? { reviewComment: returned } : {}),
  };
}

function detailOf(doc: QuestionDoc, rev: number): BankQuestionDetail {
  return {
    questionId: doc.questionId,
    rev,
    versions: doc.versions.map(({ authors: _authors, ...v }) => v),
    history: doc.history,
    duplicateOf: doc.duplicateOf,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
  };
}

/** the engine's question for one bank version; a show sets the pool and may shorten the time */
export function engineQuestion(
  questionId: string,
  content: BankContent,
  topicName: string | undefined,
  pool: QuestionPool = 'main',
  timeLimitSec = content.timeLimitSec,
): Question {
  return {
    id: questionId,
    kind: content.kind,
    pool,
    prompt: content.prompt,
    ...(content.options ? { options: [...content.options] } : {}),
    ...(content.media ? { media: { ...content.media } } : {}),
    timeLimitSec,
    ...(topicName ? { topic: topicName } : {}),
    key: content.key,
    ...(content.explanation ? { explanation: content.explanation } : {}),
  };
}

function approvedQuestionOf(
  questionId: string,
  v: BankQuestionVersion,
  topicName: string | undefined,
): ApprovedQuestion {
  return {
    questionId,
    version: v.version,
    topicId: v.content.topicId,
    question: engineQuestion(questionId, v.content, topicName),
  };
}
