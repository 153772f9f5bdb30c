/**
 * Words for what the server decided the last reveal meant for this seat. A mapping, not a rule: every
 * case comes from the engine (SeatOutcome); the switch is exhaustive so a new kind does not compile here.
 */
import type { SeatOutcome } from '@cv/shared/protocol';

export type NoteTone = 'good' | 'bad' | 'neutral';
export interface OutcomeNote {
  text: string;
  tone: NoteTone;
  /** the judges changed this seat's verdict on the question */
  revised: boolean;
}

type Translate = (key: string, params?: Record<string, unknown>) => string;

export function outcomeNote(outcome: SeatOutcome | null, t: Translate): OutcomeNote | null {
  if (!outcome) return null;
  const note = (text: string, tone: NoteTone): OutcomeNote => ({ text, tone, revised: outcome.revised });
  const r = outcome.result;
  switch (r.kind) {
    case 'stays':
      return note(t('outcome.stays'), 'good');
    case 'eliminated':
      return note(
        t(r.allWrong ? 'outcome.eliminatedAllWrong' : 'outcome.eliminated', { n: r.atQuestion ?? '?' }),
        'bad',
      );
    case 'saved-all-wrong':
      return note(t('outcome.savedAllWrong'), 'neutral');
    case 'tie-break':
      return note(t('outcome.tieBreak'), 'neutral');
    case 'returned':
      return note(t(`outcome.returned.${r.how}`), 'good');
    case 'still-out':
      return note(t('outcome.stillOut'), 'bad');
    case 'bell':
      return note(t('outcome.bell'), 'good');
    case 'golden-missed':
      return note(t('outcome.goldenMissed'), 'neutral');
    case 'tie-break-played':
      return note(t('outcome.tieBreakPlayed'), 'neutral');
    case 'watching':
      return outcome.revised ? note(t('result.revised'), 'neutral') : null;
  }
}
