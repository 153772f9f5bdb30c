import {
  kindSpec,
  QUESTION_KINDS,
  type AnswerKey,
  type BankContent,
  type BankQuestionDetail,
  type QuestionKind,
  type StaffAccount,
} from '@cv/shared/protocol';
import { mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { describe, expect, it } from 'vitest';
import { AdminApi } from '../../../admin/api.ts';
import { createConsoleI18n } from '../../../i18n/index.ts';
import { useAdminStore } from '../../../stores/admin.ts';
import QuestionEditor from '../QuestionEditor.vue';
import { KEY_FORMS } from './index.ts';

/** a key per kind that is not the form's default, so a form that ignored its key would be seen */
const KEYS: Record<QuestionKind, AnswerKey> = {
  single: { kind: 'single', answer: 2 },
  truefalse: { kind: 'truefalse', answer: false },
  multi: { kind: 'multi', answer: [1, 3] },
  text: { kind: 'text', accepted: ['Hà Nội', 'Ha Noi'] },
  numeric: { kind: 'numeric', value: 63, tolerance: 1 },
  ordering: { kind: 'ordering', order: [2, 0, 3, 1] },
};

function content(kind: QuestionKind): BankContent {
  return {
    topicId: 't1',
    kind,
    prompt: `Câu hỏi ${kind}`,
    ...(kindSpec(kind).options ? { options: ['Một', 'Hai', 'Ba', 'Bốn'] } : {}),
    key: KEYS[kind],
    timeLimitSec: 20,
    difficulty: 'medium',
    tags: [],
  };
}

/** the editor on a draft of this kind, over an API that records what it was asked to save */
function editor(kind: QuestionKind) {
  const pinia = createPinia();
  setActivePinia(pinia);
  const saved: { content: BankContent }[] = [];
  const api = new AdminApi();
  api.request = (async (_method: string, _url: string, body?: unknown) => {
    saved.push(body as { content: BankContent });
    return { ok: true, status: 200, data: { questionId: 'CH00001' } };
  }) as AdminApi['request'];
  const admin = useAdminStore();
  admin.configure(api);
  admin.account = { roles: ['admin'] } as unknown as StaffAccount;
  const detail = {
    questionId: 'CH00001',
    rev: 1,
    versions: [{ version: 1, status: 'draft', content: content(kind), createdBy: 'a', createdAt: 0 }],
    history: [],
    duplicateOf: [],
    createdAt: 0,
    updatedAt: 0,
  } as BankQuestionDetail;
  const w = mount(QuestionEditor, {
    props: { topics: [{ topicId: 't1', name: 'VNeID', order: 1 }], detail },
    global: { plugins: [pinia, createConsoleI18n({ locale: 'vi', persist: false })] },
  });
  const save = async () => {
    await w.get('[data-test=question-editor]').trigger('submit');
    await new Promise((r) => setTimeout(r));
  };
  return { w, saved, save };
}

describe.each(QUESTION_KINDS)('the bank editor on a %s question', (kind) => {
  it('shows the key form the kind table names, and saves back the key it was given', async () => {
    const { w, saved, save } = editor(kind);
    const form = KEY_FORMS[kindSpec(kind).keyForm];
    expect(w.findComponent(form).exists()).toBe(true);
    // no other form beside it
    for (const other of Object.values(KEY_FORMS))
      if (other !== form) expect(w.findComponent(other).exists()).toBe(false);
    await save();
    expect(saved).toHaveLength(1);
    expect(saved[0].content.key).toEqual(KEYS[kind]);
  });
});

describe('key forms', () => {
  it('ticks: several for a multiple select, kept in option order; one for a single choice', async () => {
    const multi = editor('multi');
    await multi.w.get('[data-test=key-tick-0]').trigger('click');
    await multi.w.get('[data-test=key-tick-3]').trigger('click'); // off again
    await multi.save();
    expect(multi.saved[0].content.key).toEqual({ kind: 'multi', answer: [0, 1] });

    const single = editor('single');
    await single.w.get('[data-test=key-tick-0]').trigger('click');
    await single.save();
    expect(single.saved[0].content.key).toEqual({ kind: 'single', answer: 0 });
  });

  it('true/false, spellings and a number with its tolerance', async () => {
    const tf = editor('truefalse');
    await tf.w.get('[data-test=key-true]').setValue(true);
    await tf.save();
    expect(tf.saved[0].content.key).toEqual({ kind: 'truefalse', answer: true });

    const text = editor('text');
    await text.w.get('[data-test=key-spellings]').setValue(' Căn cước \n\nCCCD');
    await text.save();
    expect(text.saved[0].content.key).toEqual({ kind: 'text', accepted: ['Căn cước', 'CCCD'] });

    const num = editor('numeric');
    await num.w.get('[data-test=key-value]').setValue('12.5');
    await num.w.get('[data-test=key-tolerance]').setValue('');
    await num.save();
    expect(num.saved[0].content.key).toEqual({ kind: 'numeric', value: 12.5, tolerance: 0 });
  });

  it('changing the kind brings that kind’s form with a fresh key', async () => {
    const { w, saved, save } = editor('numeric');
    await w.get('[data-test=editor-kind]').setValue('truefalse');
    expect(w.find('[data-test=key-truth]').exists()).toBe(true);
    expect(w.find('[data-test=key-value]').exists()).toBe(false);
    await save();
    expect(saved[0].content.key).toEqual({ kind: 'truefalse', answer: true });
  });
});
