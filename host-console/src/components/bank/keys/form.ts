/** What every key form takes and gives (KEY_FORMS in index.ts): the key as a v-model, null while it reads none. */
import type { AnswerKey, QuestionKind } from '@cv/shared/protocol';

export interface KeyFormProps {
  kind: QuestionKind;
  /** the option rows as written (some may still be empty) */
  options: readonly string[];
  modelValue: AnswerKey | null;
  locked: boolean;
}

export type KeyFormEmits = { 'update:modelValue': [key: AnswerKey | null] };

/** the key the form opens on, when it is of the form's kind (a kind just switched to starts afresh) */
export const givenKey = (p: KeyFormProps): Record<string, unknown> =>
  p.modelValue?.kind === p.kind ? (p.modelValue as unknown as Record<string, unknown>) : {};
