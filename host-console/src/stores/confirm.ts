/** One confirmation at a time for irreversible steps: ask() resolves true when the MC confirms. */
import type { PrizeAward } from '@cv/shared/protocol';
import { defineStore } from 'pinia';
import { shallowRef } from 'vue';

export interface ConfirmRequest {
  titleKey: string;
  bodyKey?: string;
  params?: Record<string, unknown>;
  /** extra lines already translated by the caller (e.g. a summary of seats) */
  lines?: string[];
  /** prizes to list with the contestants' names */
  awards?: PrizeAward[];
  confirmKey: string;
  danger?: boolean;
}

export const useConfirmStore = defineStore('confirm', () => {
  const pending = shallowRef<(ConfirmRequest & { resolve: (ok: boolean) => void }) | null>(null);

  function ask(request: ConfirmRequest): Promise<boolean> {
    pending.value?.resolve(false);
    return new Promise((resolve) => {
      pending.value = { ...request, resolve };
    });
  }

  function answer(ok: boolean): void {
    const p = pending.value;
    pending.value = null;
    p?.resolve(ok);
  }

  return { pending, ask, answer };
});
