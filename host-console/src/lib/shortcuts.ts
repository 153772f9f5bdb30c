/** Keyboard shortcuts of the console. Pure: the view decides what each action does. */

export type ShortcutAction =
  | 'next'
  | 'pause-toggle'
  | 'options'
  | 'lock'
  | 'reveal'
  | 'golden-bell'
  | 'swap'
  | 'rescue'
  | 'tiebreak'
  | 'revise'
  | 'help';

export interface ShortcutDoc {
  keys: string[];
  action: ShortcutAction;
}

/** documented on screen, in this order */
export const SHORTCUTS: ShortcutDoc[] = [
  { keys: ['Space', 'Enter'], action: 'next' },
  { keys: ['P'], action: 'pause-toggle' },
  { keys: ['O'], action: 'options' },
  { keys: ['L'], action: 'lock' },
  { keys: ['R'], action: 'reveal' },
  { keys: ['B'], action: 'golden-bell' },
  { keys: ['S'], action: 'swap' },
  { keys: ['C'], action: 'rescue' },
  { keys: ['T'], action: 'tiebreak' },
  { keys: ['V'], action: 'revise' },
  { keys: ['?'], action: 'help' },
];

const LETTERS: Record<string, ShortcutAction> = {
  p: 'pause-toggle',
  o: 'options',
  l: 'lock',
  r: 'reveal',
  b: 'golden-bell',
  s: 'swap',
  c: 'rescue',
  t: 'tiebreak',
  v: 'revise',
};

/**
 * Show controls answer only where the MC sees what they do: on the live tab. Elsewhere (a person
 * scrolling the question list, reading the results) Space must not start or move the show; only the
 * help overlay opens anywhere.
 */
export function shortcutAllowedOn(tab: string, action: ShortcutAction): boolean {
  return tab === 'live' || action === 'help';
}

export interface KeyLike {
  key: string;
  target: EventTarget | null;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  repeat?: boolean;
}

/** true when the key goes to a text field (or select): shortcuts must stay out of the way */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).tagName !== 'string') return false;
  const el = target as HTMLElement;
  const tag = el.tagName.toLowerCase();
  if (tag === 'textarea' || tag === 'select') return true;
  if (tag === 'input') {
    const type = ((el as HTMLInputElement).type || 'text').toLowerCase();
    return !['button', 'submit', 'reset', 'checkbox', 'radio', 'range', 'color', 'file'].includes(type);
  }
  return el.isContentEditable || el.getAttribute?.('contenteditable') === 'true';
}

/** the action a key press asks for, or null (typing, modifiers, key repeat, unknown keys) */
export function shortcutFor(e: KeyLike): ShortcutAction | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  if (e.repeat) return null;
  if (isTypingTarget(e.target)) return null;
  if (e.key === ' ' || e.key === 'Spacebar' || e.key === 'Enter') return 'next';
  if (e.key === '?') return 'help';
  return LETTERS[e.key.toLowerCase()] ?? null;
}
