import type { BankContent, StaffAccount } from '@cv/shared/protocol';
import { mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { describe, expect, it } from 'vitest';
import { AdminApi } from '../../admin/api.ts';
import { createConsoleI18n } from '../../i18n/index.ts';
import { useAdminStore } from '../../stores/admin.ts';
import QuestionEditor from './QuestionEditor.vue';

/** the editor over an API that records what it was asked to save */
function editor() {
  const pinia = createPinia();
  setActivePinia(pinia);
  const saved: BankContent[] = [];
  const api = new AdminApi();
  api.request = (async (_method: string, _url: string, body?: unknown) => {
    saved.push(body as BankContent);
    return { ok: true, status: 201, data: { questionId: 'CH00001' } };
  }) as AdminApi['request'];
  const admin = useAdminStore();
  admin.configure(api);
  admin.account = { roles: ['admin'] } as unknown as StaffAccount;
  const w = mount(QuestionEditor, {
    props: { topics: [{ topicId: 't1', name: 'VNeID', order: 1 }], detail: null },
    global: { plugins: [pinia, createConsoleI18n({ locale: 'vi', persist: false })] },
  });
  return { w, saved };
}

describe('QuestionEditor: a kind without a key form of its own (ordering)', () => {
  it('takes the items and the right order in the spreadsheet’s words, and saves the key the table reads', async () => {
    const { w, saved } = editor();
    await w.get('[data-test=editor-kind]').setValue('ordering');
    await w.get('[data-test=editor-prompt]').setValue('Sắp xếp các bước');
    for (const [i, text] of ['Cài VNeID', 'Đến Công an', 'Nhận SMS', 'Thu nhận vân tay'].entries())
      await w.get(`[data-test=editor-option-${i}]`).setValue(text);
    // no ticks to mark "the" correct option: every item counts, in order
    expect(w.find('.option__mark').exists()).toBe(false);
    await w.get('[data-test=editor-key-cell]').setValue('B, D, C, A');
    await w.get('[data-test=question-editor]').trigger('submit');
    await new Promise((r) => setTimeout(r));
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatchObject({
      kind: 'ordering',
      options: ['Cài VNeID', 'Đến Công an', 'Nhận SMS', 'Thu nhận vân tay'],
      key: { kind: 'ordering', order: [1, 3, 2, 0] },
    });
  });

  it('an order that leaves an item out is not saved, and the editor says why', async () => {
    const { w, saved } = editor();
    await w.get('[data-test=editor-kind]').setValue('ordering');
    await w.get('[data-test=editor-prompt]').setValue('Sắp xếp');
    for (const i of [0, 1, 2, 3]) await w.get(`[data-test=editor-option-${i}]`).setValue(`Bước ${i}`);
    await w.get('[data-test=editor-key-cell]').setValue('B, D');
    await w.get('[data-test=question-editor]').trigger('submit');
    expect(saved).toHaveLength(0);
    expect(w.text()).toContain('mỗi phương án một lần');
  });
});
