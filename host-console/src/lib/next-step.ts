/** The one primary button: which command each suggested step sends, and whether it needs a confirmation. */
import type { HostCommandName, HostCommandPayload, HostView, NextStep } from '@cv/shared/protocol';

export type StepCommand = {
  [N in HostCommandName]: { name: N; payload: Omit<HostCommandPayload<N>, 'version'> };
}[HostCommandName];

export interface StepPlan {
  /** the server's suggestion, or 'resume' while the show is paused (the big button never says "Khóa" then) */
  step: NextStep | 'resume';
  /** null when there is nothing to send (the show is over) */
  command: StepCommand | null;
  /** i18n key of the button label */
  labelKey: string;
  /** irreversible: ask before sending */
  confirm: boolean;
}

/** MC options the primary step takes into account */
export interface StepOptions {
  /** show the next question with its options hidden so the MC can read it first */
  hideOptions?: boolean;
}

export function planStep(
  view: Pick<HostView, 'nextStep' | 'proposedPrizes'> & Partial<Pick<HostView, 'paused'>>,
  options: StepOptions = {},
): StepPlan {
  if (view.paused)
    return {
      step: 'resume',
      command: { name: 'show:resume', payload: {} },
      labelKey: 'step.resume',
      confirm: false,
    };
  const step = view.nextStep;
  const plan = (command: StepCommand | null, confirm = false): StepPlan => ({
    step,
    command,
    labelKey: `step.${step}`,
    confirm,
  });
  switch (step) {
    case 'start':
      return plan({ name: 'show:start', payload: {} });
    case 'show-question':
      return plan({
        name: 'question:show',
        payload: { mode: 'main', hideOptions: options.hideOptions ?? false },
      });
    case 'open':
      return plan({ name: 'question:open', payload: {} });
    case 'lock':
      return plan({ name: 'question:lock', payload: {} });
    case 'reveal':
      return plan({ name: 'question:reveal', payload: {} }, true);
    case 'golden-bell':
      return plan({
        name: 'question:show',
        payload: { mode: 'golden', hideOptions: options.hideOptions ?? false },
      });
    case 'finish':
      return plan({ name: 'show:finish', payload: {} }, true);
    case 'confirm-prizes':
      return plan({ name: 'prizes:confirm', payload: { awards: view.proposedPrizes } }, true);
    case 'done':
      return plan(null);
    case 'rehearsal':
      // the rehearsal question moves on by itself; the pre-show page cancels it
      return plan(null);
  }
}
