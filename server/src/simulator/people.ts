import type { Rng } from './random';

/**
 * Fictional citizens: random combinations of common first names and surnames, and
 * random mobile numbers. Any match with a real person is a coincidence.
 */
const KAZAKH_MEN = [
  'Нурлан',
  'Ерлан',
  'Асхат',
  'Данияр',
  'Серик',
  'Бауыржан',
  'Арман',
  'Канат',
  'Ержан',
  'Тимур',
  'Айдос',
  'Руслан',
];
const KAZAKH_WOMEN = [
  'Айгуль',
  'Гульнара',
  'Жанар',
  'Динара',
  'Салтанат',
  'Асель',
  'Айжан',
  'Мадина',
  'Камила',
  'Жулдыз',
  'Алия',
  'Сауле',
];
// Stems take -ов/-ев (men) and -ова/-ева (women).
const KAZAKH_SURNAMES = [
  'Ахметов',
  'Серикбаев',
  'Жумабаев',
  'Касымов',
  'Нурланов',
  'Султанов',
  'Абдрахманов',
  'Мукашев',
  'Байжанов',
  'Оспанов',
  'Тулегенов',
  'Искаков',
];
const RUSSIAN_MEN = ['Сергей', 'Андрей', 'Дмитрий', 'Александр', 'Виктор', 'Игорь'];
const RUSSIAN_WOMEN = ['Ольга', 'Елена', 'Наталья', 'Татьяна', 'Светлана', 'Ирина'];
const RUSSIAN_SURNAMES = ['Иванов', 'Смирнов', 'Кузнецов', 'Попов', 'Морозов', 'Волков'];
// Surnames that do not change with gender.
const INVARIANT_SURNAMES = ['Ким', 'Цой', 'Шевченко', 'Пак'];

/** "Surname Firstname", the way an operator types it into the card. */
export function randomName(rng: Rng, language: 'ru' | 'kk'): string {
  const isWoman = rng.chance(0.55);
  const isKazakh = language === 'kk' || rng.chance(0.6);
  if (!isKazakh && rng.chance(0.15)) {
    return `${rng.pick(INVARIANT_SURNAMES)} ${rng.pick(isWoman ? RUSSIAN_WOMEN : RUSSIAN_MEN)}`;
  }
  const surname = rng.pick(isKazakh ? KAZAKH_SURNAMES : RUSSIAN_SURNAMES);
  const first = isKazakh
    ? rng.pick(isWoman ? KAZAKH_WOMEN : KAZAKH_MEN)
    : rng.pick(isWoman ? RUSSIAN_WOMEN : RUSSIAN_MEN);
  return `${isWoman ? `${surname}а` : surname} ${first}`;
}

/** Mobile operator codes in use in Kazakhstan (7XX after +7). */
const MOBILE_CODES = ['700', '701', '702', '705', '707', '708', '747', '771', '775', '776', '777', '778'];

const digits = (rng: Rng, n: number): string => {
  let s = '';
  for (let i = 0; i < n; i += 1) s += String(rng.int(0, 9));
  return s;
};

/** A mobile number in the usual written form, `+7 7XX XXX XX XX`. */
export function randomPhone(rng: Rng): string {
  return `+7 ${rng.pick(MOBILE_CODES)} ${digits(rng, 3)} ${digits(rng, 2)} ${digits(rng, 2)}`;
}

const MASTER_FIRST = [...KAZAKH_MEN, ...RUSSIAN_MEN];
const MASTER_SURNAMES = [...KAZAKH_SURNAMES, ...RUSSIAN_SURNAMES];

/** Who in the service took it: a named foreman or a crew number. */
export function randomAssignee(rng: Rng): string {
  if (rng.chance(0.5)) return `Бригада №${rng.int(1, 40)}`;
  return `мастер ${rng.pick(MASTER_SURNAMES)} ${rng.pick(MASTER_FIRST).charAt(0)}.`;
}
