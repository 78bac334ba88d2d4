import {
  BUILT_IN_CALENDAR,
  initialLawFields,
  OUTCOMES,
  APPEAL_STATUSES,
  CATEGORY_CODES,
  CHANNELS,
  PRIORITIES,
  REGION_CODES,
  SEVERITIES,
  type Appeal,
  type Incident,
} from '@shared';
import { createRandom, HOUR, MINUTE, T0 } from '../factories';

/**
 * Seeded list fixtures: appeals and incidents spread over regions, categories, statuses and
 * times, with deliberate ties (the same minute, the same priority) so the id tie-break is
 * exercised, ids of different lengths ("A-9" < "A-10" is false as text), Russian and Kazakh
 * text in mixed case, and citizens whose names and phones carry words found nowhere else.
 */

const WORDS = [
  'Нет отопления в квартире',
  'Жылу жоқ, пәтер суық',
  'Прорыв трубы во дворе',
  'Көшеде жарық жоқ',
  'ЯМА на дороге',
  'Қоқыс шығарылмады',
  'Лифт не работает',
  'Су басу, үй жертөлесі',
  'Шум ночью',
  'Газ иісі шығып тұр',
];
const ADDRESSES = ['ул. Кенесары, 40', 'пр. Абая, 12', 'Тұран даңғылы, 5', 'ул. Жібек жолы, 77', undefined];
const DISTRICTS = ['Сарыарка', 'Есиль', 'Алматы ауданы', 'Медеуский', undefined];
const SERVICES = ['Astana Energy', 'Астана Су Арнасы', 'ГорСвет', 'Тазалық', undefined];
const ASSIGNEES = ['Айгерім С.', 'Ерлан Б.', 'Ivanov', undefined];
/** Citizens' words appear in no other field, so a search that finds them leaks. */
export const CITIZEN_NAME_WORD = 'Зейнолла';
export const CITIZEN_PHONE = '+77015550199';

export function pick<T>(random: () => number, values: readonly T[]): T {
  return values[Math.floor(random() * values.length)] as T;
}

/** `count` appeals registered over ~3 days before T0, in random order of ids. */
export function generateAppeals(count: number, seed = 1, idPrefix = 'A-'): Appeal[] {
  const random = createRandom(seed);
  const appeals: Appeal[] = [];
  for (let i = 0; i < count; i += 1) {
    // Whole minutes over 3 days: about 1 in 4 appeals shares its minute with another.
    const registeredAt = T0 - Math.floor(random() * 4320) * MINUTE;
    const dueAt = registeredAt + pick(random, [1, 4, 12, 24, 72]) * HOUR;
    const status = pick(random, APPEAL_STATUSES);
    const isAssigned = status !== 'registered';
    const appeal: Appeal = {
      id: `${idPrefix}${i}`,
      region: pick(random, REGION_CODES),
      category: pick(random, CATEGORY_CODES),
      priority: pick(random, PRIORITIES),
      channel: pick(random, CHANNELS),
      location: {
        lat: 40 + random() * 15,
        lng: 47 + random() * 40,
        ...optional('address', pick(random, ADDRESSES)),
        ...optional('district', pick(random, DISTRICTS)),
      },
      description: `${pick(random, WORDS)} №${i}`,
      status,
      registeredAt,
      respondedAt: isAssigned ? registeredAt + 10 * MINUTE : null,
      resolvedAt: status === 'resolved' || status === 'closed' ? registeredAt + 2 * HOUR : null,
      closedAt: status === 'closed' || status === 'rejected' ? registeredAt + 3 * HOUR : null,
      responseDueAt: registeredAt + HOUR,
      dueAt,
      ...initialLawFields(BUILT_IN_CALENDAR, registeredAt),
      updatedAt: registeredAt + Math.floor(random() * 60) * MINUTE,
      streamIds: [],
    };
    if (random() < 0.7) appeal.citizen = { name: `${CITIZEN_NAME_WORD} Қ.`, phone: CITIZEN_PHONE };
    if (isAssigned) {
      const service = pick(random, SERVICES);
      const assignee = pick(random, ASSIGNEES);
      if (service !== undefined) appeal.service = service;
      if (assignee !== undefined) appeal.assignee = assignee;
    }
    if (random() < 0.1) appeal.incidentId = `INC-${Math.floor(random() * 5)}`;
    // The law's fields from the index, not from `random`: the other fields stay as they were.
    if (status === 'resolved' || status === 'closed' || status === 'rejected')
      appeal.outcome = OUTCOMES[i % 4] ?? 'unknown';
    if ((status === 'resolved' || status === 'closed') && i % 3 === 0) {
      appeal.feedback = {
        result: i % 2 === 0 ? 'confirmed' : 'unreachable',
        rating: 1 + (i % 5),
        at: registeredAt + 4 * HOUR,
      };
    }
    appeals.push(appeal);
  }
  // Iteration order unrelated to any sort order.
  for (let i = appeals.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [appeals[i], appeals[j]] = [appeals[j] as Appeal, appeals[i] as Appeal];
  }
  return appeals;
}

const TITLES = ['Авария на теплотрассе', 'Жарық сөнді', 'ПОДТОПЛЕНИЕ улицы', 'Газ құбыры зақымданды', 'Обрыв ЛЭП'];
const NOTES = ['бригада выехала', 'Жөндеу жүріп жатыр', undefined];

export function generateIncidents(count: number, seed = 2): Incident[] {
  const random = createRandom(seed);
  const incidents: Incident[] = [];
  for (let i = 0; i < count; i += 1) {
    const openedAt = T0 - Math.floor(random() * 720) * 5 * MINUTE;
    const status = random() < 0.6 ? 'open' : 'resolved';
    const incident: Incident = {
      id: `I-${i}`,
      region: pick(random, REGION_CODES),
      title: `${pick(random, TITLES)} ${i}`,
      category: pick(random, CATEGORY_CODES),
      severity: pick(random, SEVERITIES),
      location: { lat: 40 + random() * 15, lng: 47 + random() * 40 },
      appealIds: [],
      status,
      openedAt,
      resolvedAt: status === 'resolved' ? openedAt + 3 * HOUR : null,
      updatedAt: openedAt + Math.floor(random() * 6) * 30 * MINUTE,
      streamIds: [],
    };
    const note = pick(random, NOTES);
    if (note !== undefined) incident.note = note;
    if (random() < 0.5) incident.affected = Math.floor(random() * 5000);
    incidents.push(incident);
  }
  return incidents;
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}

/** A random subset (possibly empty) of a vocabulary. */
export function subset<T>(random: () => number, values: readonly T[], chance: number): T[] {
  return values.filter(() => random() < chance);
}
