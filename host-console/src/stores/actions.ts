/** Every console action in one place: whether it is possible now, and what it does. Buttons and shortcuts share it. */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { planStep } from '../lib/next-step.ts';
import type { ShortcutAction } from '../lib/shortcuts.ts';
import { useConfirmStore } from './confirm.ts';
import { useConsoleStore } from './console.ts';
import { useRoundStore } from './round.ts';
import { useShowStore } from './show.ts';

export const useActionsStore = defineStore('actions', () => {
  const show = useShowStore();
  const consoleStore = useConsoleStore();
  const roundStore = useRoundStore();
  const confirm = useConfirmStore();
  const helpOpen = ref(false);

  const view = computed(() => show.hostView);
  const running = computed(() => view.value?.stage === 'running');
  const host = computed(() => consoleStore.role === 'host');
  const eliminatedSeats = computed(() =>
    (view.value?.seats ?? []).filter((s) => s.status === 'eliminated').map((s) => s.seat),
  );

  /** rounds whose verdicts a judge may revise: revealed, not withdrawn */
  const revisableRounds = computed(() => {
    const v = view.value;
    if (!v) return [];
    const current = v.round;
    return v.rounds.filter(
      (r) => !r.voided && (!current || r.index !== current.index || current.phase === 'revealed'),
    );
  });

  const plan = computed(() =>
    view.value ? planStep(view.value, { hideOptions: consoleStore.hideOptions }) : null,
  );

  const available = computed<Record<ShortcutAction, boolean>>(() => {
    const r = roundStore.round;
    const phase = r?.phase ?? null;
    const between = roundStore.betweenQuestions;
    return {
      next: host.value && !!plan.value?.command,
      // judges may pause but only the MC resumes: a judge never sees a Resume that would be refused
      'pause-toggle': running.value && !!consoleStore.role && (host.value || !view.value?.paused),
      options: host.value && phase === 'shown' && !!r?.optionsHidden,
      // while paused only Resume moves the show (the server refuses the rest)
      lock: host.value && phase === 'answering' && !view.value?.paused,
      reveal: host.value && phase === 'locked',
      'golden-bell': host.value && running.value && between,
      swap: host.value && running.value && !!r && phase !== 'revealed',
      rescue: host.value && running.value && between && eliminatedSeats.value.length > 0,
      tiebreak: host.value && running.value && between,
      revise: !!consoleStore.role && revisableRounds.value.length > 0,
      help: true,
    };
  });

  async function pauseToggle(): Promise<boolean> {
    if (view.value?.paused) return consoleStore.run('show:resume');
    return consoleStore.run('show:pause');
  }

  async function reveal(): Promise<boolean> {
    const ok = await confirm.ask({
      titleKey: 'confirm.reveal.title',
      bodyKey: 'confirm.reveal.body',
      confirmKey: 'action.reveal',
      danger: true,
    });
    return ok ? consoleStore.run('question:reveal') : false;
  }

  /** runs an action if it is possible now; returns whether something was started */
  async function trigger(action: ShortcutAction): Promise<boolean> {
    if (action === 'help') {
      helpOpen.value = !helpOpen.value;
      return true;
    }
    if (!available.value[action]) return false;
    switch (action) {
      case 'next':
        return consoleStore.runNextStep();
      case 'pause-toggle':
        return pauseToggle();
      case 'options':
        return consoleStore.run('question:options');
      case 'lock':
        return consoleStore.run('question:lock');
      case 'reveal':
        return reveal();
      case 'golden-bell':
        consoleStore.openDialog({ kind: 'golden' });
        return true;
      case 'swap':
        consoleStore.openDialog({ kind: 'swap' });
        return true;
      case 'rescue':
        consoleStore.openDialog({ kind: 'rescue' });
        return true;
      case 'tiebreak':
        consoleStore.openDialog({ kind: 'tiebreak' });
        return true;
      case 'revise':
        consoleStore.openDialog({ kind: 'revise' });
        return true;
    }
  }

  return { helpOpen, plan, available, eliminatedSeats, revisableRounds, trigger, pauseToggle, reveal };
});
