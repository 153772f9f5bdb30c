/** Short messages in the corner: command errors, confirmations. They hold i18n keys, the view translates. */
import { defineStore } from 'pinia';
import { ref } from 'vue';

export type ToastKind = 'error' | 'success' | 'info';

export interface Toast {
  id: number;
  kind: ToastKind;
  key: string;
  params?: Record<string, unknown>;
  /** raw server message, shown small under the translated text */
  detail?: string;
}

export const useToastStore = defineStore('toasts', () => {
  const toasts = ref<Toast[]>([]);
  let nextId = 1;
  const timers = new Map<number, ReturnType<typeof setTimeout>>();

  function dismiss(id: number): void {
    toasts.value = toasts.value.filter((t) => t.id !== id);
    const timer = timers.get(id);
    if (timer) clearTimeout(timer);
    timers.delete(id);
  }

  function push(kind: ToastKind, key: string, params?: Record<string, unknown>, detail?: string): number {
    const id = nextId++;
    toasts.value = [...toasts.value.slice(-4), { id, kind, key, params, detail }];
    timers.set(
      id,
      setTimeout(() => dismiss(id), kind === 'error' ? 8000 : 3500),
    );
    return id;
  }

  const error = (key: string, params?: Record<string, unknown>, detail?: string) =>
    push('error', key, params, detail);
  const success = (key: string, params?: Record<string, unknown>) => push('success', key, params);
  const info = (key: string, params?: Record<string, unknown>) => push('info', key, params);

  return { toasts, push, error, success, info, dismiss };
});
