/**
 * The one place a kind picks its key form in the bank editor: the kind table says which form
 * (`KINDS[kind].keyForm`), this maps each form to its component. A new form stops the compiler here.
 * Every form takes the kind, the option rows and the key (v-model; null while it reads no key).
 */
import type { KeyForm } from '@cv/shared/protocol';
import type { Component } from 'vue';
import KeyCell from './KeyCell.vue';
import KeyNumber from './KeyNumber.vue';
import KeySpellings from './KeySpellings.vue';
import KeyTicks from './KeyTicks.vue';
import KeyTruth from './KeyTruth.vue';

export const KEY_FORMS = {
  ticks: KeyTicks,
  truth: KeyTruth,
  spellings: KeySpellings,
  number: KeyNumber,
  cell: KeyCell,
} as const satisfies Record<KeyForm, Component>;
