/** Fullscreen toggle for the stage tablets (hides the browser bars). */
import { onBeforeUnmount, onMounted, ref } from 'vue';

export function useFullscreen(doc: Document | undefined = globalThis.document) {
  const supported = !!doc?.documentElement && typeof doc.documentElement.requestFullscreen === 'function';
  const active = ref(!!doc?.fullscreenElement);
  const sync = () => (active.value = !!doc?.fullscreenElement);

  async function toggle(): Promise<void> {
    if (!doc || !supported) return;
    try {
      if (doc.fullscreenElement) await doc.exitFullscreen();
      else await doc.documentElement.requestFullscreen({ navigationUI: 'hide' });
    } catch {
      /* refused by the browser: nothing to do */
    }
    sync();
  }

  onMounted(() => doc?.addEventListener('fullscreenchange', sync));
  onBeforeUnmount(() => doc?.removeEventListener('fullscreenchange', sync));
  return { supported, active, toggle };
}
