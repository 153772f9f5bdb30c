/** Binds the console's keyboard shortcuts to the window while a component is mounted. */
import { onBeforeUnmount, onMounted } from 'vue';
import { shortcutFor, type ShortcutAction } from './shortcuts.ts';

export function useShortcuts(
  handle: (action: ShortcutAction) => void,
  /** false leaves the key alone (Space scrolls a list, Enter clicks a focused button) */
  enabled: (action: ShortcutAction) => boolean = () => true,
): void {
  const onKeydown = (e: KeyboardEvent) => {
    if (e.defaultPrevented) return;
    const action = shortcutFor(e);
    if (!action || !enabled(action)) return;
    // keep Space/Enter from also clicking whichever button has the focus
    e.preventDefault();
    handle(action);
  };
  onMounted(() => window.addEventListener('keydown', onKeydown));
  onBeforeUnmount(() => window.removeEventListener('keydown', onKeydown));
}
