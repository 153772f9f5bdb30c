/** Keep the tablet screen on during the show; the lock drops when the page is hidden, so re-acquire on return. */
import { onBeforeUnmount, onMounted, ref } from 'vue';

interface WakeLockSentinelLike {
  released: boolean;
  release(): Promise<void>;
  addEventListener(type: 'release', cb: () => void): void;
}
interface WakeLockLike {
  request(type: 'screen'): Promise<WakeLockSentinelLike>;
}

export function useWakeLock(
  nav: Navigator | undefined = globalThis.navigator,
  doc: Document | undefined = globalThis.document,
) {
  const supported = !!nav && 'wakeLock' in nav;
  const active = ref(false);
  let sentinel: WakeLockSentinelLike | null = null;

  async function acquire(): Promise<void> {
    if (!supported || !doc || doc.visibilityState !== 'visible' || (sentinel && !sentinel.released)) return;
    try {
      sentinel = await (nav as unknown as { wakeLock: WakeLockLike }).wakeLock.request('screen');
      active.value = true;
      sentinel.addEventListener('release', () => (active.value = false));
    } catch {
      // refused (battery saver, not allowed without a gesture): try again on the next tap/visibility change
      active.value = false;
    }
  }

  const onVisible = () => {
    if (doc?.visibilityState === 'visible') void acquire();
  };
  const onGesture = () => void acquire();

  onMounted(() => {
    void acquire();
    doc?.addEventListener('visibilitychange', onVisible);
    doc?.addEventListener('pointerdown', onGesture);
  });
  onBeforeUnmount(() => {
    doc?.removeEventListener('visibilitychange', onVisible);
    doc?.removeEventListener('pointerdown', onGesture);
    void sentinel?.release().catch(() => undefined);
    sentinel = null;
  });

  return { supported, active, acquire };
}
