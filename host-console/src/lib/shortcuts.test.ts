import { describe, expect, it } from 'vitest';
import { isTypingTarget, SHORTCUTS, shortcutAllowedOn, shortcutFor } from './shortcuts.ts';

const el = (html: string) => {
  const host = document.createElement('div');
  host.innerHTML = html;
  return host.firstElementChild as HTMLElement;
};

describe('shortcutFor', () => {
  const body = document.body;
  it.each([
    [' ', 'next'],
    ['Enter', 'next'],
    ['p', 'pause-toggle'],
    ['P', 'pause-toggle'],
    ['l', 'lock'],
    ['r', 'reveal'],
    ['b', 'golden-bell'],
    ['s', 'swap'],
    ['c', 'rescue'],
    ['t', 'tiebreak'],
    ['v', 'revise'],
    ['o', 'options'],
    ['?', 'help'],
  ])('%j → %s', (key, action) => {
    expect(shortcutFor({ key, target: body })).toBe(action);
  });

  it('ignores unknown keys, modifiers and held-down keys', () => {
    expect(shortcutFor({ key: 'x', target: body })).toBeNull();
    expect(shortcutFor({ key: 'r', target: body, ctrlKey: true })).toBeNull();
    expect(shortcutFor({ key: 'p', target: body, metaKey: true })).toBeNull();
    expect(shortcutFor({ key: 'l', target: body, altKey: true })).toBeNull();
    expect(shortcutFor({ key: ' ', target: body, repeat: true })).toBeNull();
  });

  it('stays out of the way while typing', () => {
    for (const html of [
      '<input type="text">',
      '<input>',
      '<input type="search">',
      '<textarea></textarea>',
      '<select></select>',
      '<div contenteditable="true"></div>',
    ]) {
      const target = el(html);
      expect(isTypingTarget(target)).toBe(true);
      expect(shortcutFor({ key: 'r', target })).toBeNull();
      expect(shortcutFor({ key: ' ', target })).toBeNull();
    }
  });

  it('still works on buttons and checkboxes', () => {
    expect(shortcutFor({ key: 'l', target: el('<button>x</button>') })).toBe('lock');
    expect(shortcutFor({ key: 'l', target: el('<input type="checkbox">') })).toBe('lock');
  });

  it('documents every action once', () => {
    const actions = SHORTCUTS.map((s) => s.action);
    expect(new Set(actions).size).toBe(actions.length);
    expect(actions).toContain('next');
  });
});

describe('shortcutAllowedOn', () => {
  it('lets every action through on the live tab, only help elsewhere', () => {
    for (const { action } of SHORTCUTS) {
      expect(shortcutAllowedOn('live', action)).toBe(true);
      expect(shortcutAllowedOn('questions', action)).toBe(action === 'help');
    }
  });
});
