import type { EventBody } from './plan';
import type { Language } from './places';
import type { Rng } from './random';
import type { Outcome } from '@shared';

/**
 * The law's clock in the simulator (issue 17): outcomes, quality-control callbacks and
 * extensions in plausible shares. The shares are a demo's guesses, not statistics.
 */

/** Share of resolved appeals the quality-control agents call back. */
export const CALLBACK_SHARE = 0.7;
/** Share of taken-into-work appeals a supervisor extends. */
export const EXTENSION_SHARE = 0.03;

const OUTCOMES_OF_RESOLUTION: readonly Outcome[] = ['satisfied', 'partly', 'explained', 'refused'];
const OUTCOME_WEIGHTS = [55, 15, 22, 8];

/** How a resolution ended: mostly satisfied, some partly, explained, refused. */
export function pickOutcome(rng: Rng): Outcome {
  return rng.weighted(OUTCOMES_OF_RESOLUTION, OUTCOME_WEIGHTS);
}

/** A rejection refuses, or explains why nothing can be done. */
export function rejectionOutcome(rng: Rng): Outcome {
  return rng.chance(0.7) ? 'refused' : 'explained';
}

const t = (ru: string, kk: string) => ({ ru, kk });

const EXTENSION_REASONS = [
  t('Требуется экспертиза', 'Сараптама қажет'),
  t('Запрошены сведения в другом органе', 'Басқа органнан мәліметтер сұратылды'),
  t('Необходим выезд комиссии', 'Комиссияның барып тексеруі қажет'),
  t('Работы в сезонный период', 'Жұмыстар маусымдық кезеңде'),
];

const CALLBACK_COMMENTS = {
  confirmed: [t('Всё сделано, спасибо', 'Бәрі орындалды, рахмет'), t('Проблема решена', 'Мәселе шешілді')],
  not_confirmed: [t('Проблема осталась', 'Мәселе сол күйінде'), t('Сделали не полностью', 'Толық орындалмады')],
  unreachable: [t('Не берёт трубку', 'Телефонды алмайды')],
} as const;

/** A supervisor's extension: mostly one month from receipt, some two. */
export function extensionBody(rng: Rng, appealId: string, language: Language): EventBody {
  return {
    type: 'appeal.extended',
    data: { appealId, months: rng.chance(0.7) ? 1 : 2, reason: rng.pick(EXTENSION_REASONS)[language] },
  };
}

/** The callback's result: mostly confirmed, a few not confirmed (the appeal reopens), some unreachable. */
export function callbackBody(rng: Rng, appealId: string, language: Language): EventBody {
  const result = rng.weighted(['confirmed', 'not_confirmed', 'unreachable'] as const, [72, 8, 20]);
  const data: Extract<EventBody, { type: 'appeal.feedback' }>['data'] = { appealId, result };
  if (result === 'confirmed') data.rating = rng.weighted([5, 4, 3, 2, 1], [55, 30, 10, 3, 2]);
  if (result === 'not_confirmed') data.rating = rng.weighted([1, 2, 3], [50, 35, 15]);
  if (rng.chance(0.4)) data.comment = rng.pick(CALLBACK_COMMENTS[result])[language];
  return { type: 'appeal.feedback', data };
}
