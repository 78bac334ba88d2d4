import { type Channel, type EventOf, type Priority, type Region } from '@shared';
import { createAppealContent } from './appealContent';
import { HOUR, kzMonth, MINUTE, SECOND } from './kzClock';
import { fitSteps, statusBody, type PlannedStep, type RelativeStep } from './plan';
import { neighbourhoodStreets, pickLanguage, placeNear, randomPlace, type Bilingual, type Place } from './places';
import type { Rng } from './random';
import { pickService } from './services';

/** Categories whose network failures produce mass outages. */
export const BURST_CATEGORIES = ['heating', 'water_sewer', 'electricity', 'flooding'] as const;
export type BurstCategory = (typeof BURST_CATEGORIES)[number];

interface Outage {
  title: string;
  /** Operator's note on the update; {n} = houses or yards affected (after a colon: no plural agreement). */
  update: string;
  resolved: Bilingual;
  inProgress: Bilingual;
  descriptions: { ru: readonly string[]; kk: readonly string[] };
}

const OUTAGES: Record<BurstCategory, Outage> = {
  heating: {
    title: 'Авария на тепломагистрали',
    update: 'Повреждённый участок локализован, идут ремонтные работы. Домов без отопления: {n}',
    resolved: { ru: 'Теплоснабжение восстановлено', kk: 'Жылумен жабдықтау қалпына келтірілді' },
    inProgress: {
      ru: 'Аварийные бригады на месте, идёт ремонт теплотрассы',
      kk: 'Апаттық бригадалар орнында, жылу трассасы жөнделуде',
    },
    descriptions: {
      ru: [
        'Нет отопления во всём доме, батареи холодные.',
        'Пропали отопление и горячая вода, говорят, авария на теплотрассе.',
        'Во дворе из-под земли идёт пар, батареи остыли.',
      ],
      kk: ['Бүкіл үйде жылу жоқ, радиаторлар суық.', 'Жылу мен ыстық су жоқ, жылу трассасында апат болды дейді.'],
    },
  },
  water_sewer: {
    title: 'Порыв магистрального водовода',
    update: 'Участок отключён, организован подвоз воды. Домов без воды: {n}',
    resolved: { ru: 'Водоснабжение восстановлено', kk: 'Сумен жабдықтау қалпына келтірілді' },
    inProgress: {
      ru: 'Аварийная бригада на месте, идёт замена участка трубы',
      kk: 'Апаттық бригада орнында, құбыр бөлігі ауыстырылуда',
    },
    descriptions: {
      ru: ['Нет воды во всём доме.', 'На улице из-под асфальта бьёт вода, в домах нет воды.'],
      kk: ['Бүкіл үйде су жоқ.', 'Көшеде асфальт астынан су атқылап жатыр, үйлерде су жоқ.'],
    },
  },
  electricity: {
    title: 'Авария на подстанции, отключение электроэнергии',
    update: 'Работают аварийные бригады. Домов без электроэнергии: {n}',
    resolved: { ru: 'Электроснабжение восстановлено', kk: 'Электрмен жабдықтау қалпына келтірілді' },
    inProgress: { ru: 'Аварийные бригады на подстанции', kk: 'Апаттық бригадалар қосалқы станцияда' },
    descriptions: {
      ru: ['Нет света во всём квартале.', 'Пропало электричество, не работают лифты и насосы.'],
      kk: ['Бүкіл орамда жарық жоқ.', 'Электр жарығы сөнді, лифтілер мен сорғылар істемейді.'],
    },
  },
  flooding: {
    title: 'Подтопление жилого сектора талыми водами',
    update: 'Работают насосы. Подтопленных дворов: {n}',
    resolved: { ru: 'Вода откачана, угроза подтопления снята', kk: 'Су сорып алынды, су басу қаупі жойылды' },
    inProgress: { ru: 'Откачка воды, установлены насосы', kk: 'Су сорылып жатыр, сорғылар орнатылды' },
    descriptions: {
      ru: ['Талая вода заходит во дворы, улица затоплена.', 'Подвал и двор в воде, уровень растёт.'],
      kk: [
        'Еріген су аулаларға кіріп жатыр, көшені су басты.',
        'Жертөле мен ауланы су басты, деңгейі көтеріліп жатыр.',
      ],
    },
  },
};

/** Heating mains fail in the cold half of the year, thaw floods come in spring. */
export function pickBurstCategory(rng: Rng, month: number): BurstCategory {
  const isHeatingSeason = month >= 10 || month <= 4;
  const isSpring = month >= 3 && month <= 5;
  const isSummer = month >= 6 && month <= 8;
  return rng.weighted(BURST_CATEGORIES, [isHeatingSeason ? 6 : 0.5, 3, isSummer ? 4 : 2.5, isSpring ? 6 : 0.2]);
}

const CHANNELS: readonly Channel[] = ['call', 'app', 'telegram', 'web', 'social', 'walk_in'];
const CHANNEL_WEIGHTS = [60, 15, 12, 5, 6, 2];
const PRIORITIES: readonly Priority[] = ['normal', 'high', 'emergency'];
const PRIORITY_WEIGHTS = [30, 55, 15];

/** Triangular on [0, 1] with its mode at 0.25: calls peak a few minutes after the failure. */
function triangular(rng: Rng): number {
  const c = 0.25;
  const u = rng.next();
  return u < c ? Math.sqrt(u * c) : 1 - Math.sqrt((1 - u) * (1 - c));
}

const toSecond = (ms: number): number => Math.round(ms / SECOND) * SECOND;

export interface BurstInput {
  rng: Rng;
  /** Whole second, after everything already emitted. */
  startAt: number;
  region: Region;
  category?: BurstCategory;
  incidentId: string;
  nextAppealId: () => string;
  capMs: number;
}

export interface BurstPlan {
  category: BurstCategory;
  /** Each appeal's steps, registration first. */
  appeals: PlannedStep[][];
  incident: PlannedStep[];
}

/**
 * A mass outage: 150–400 appeals of one category around one point within 10–20 minutes,
 * an incident opened a few minutes in (linking the appeals registered so far), updated
 * when the calls die down (linking the rest) and resolved hours later, after which the
 * service closes the appeals.
 */
export function planBurst(input: BurstInput): BurstPlan {
  const { rng, startAt, region, incidentId, capMs } = input;
  const category = input.category ?? pickBurstCategory(rng, kzMonth(startAt));
  const outage = OUTAGES[category];
  const count = rng.int(150, 400);
  const durationMs = rng.uniform(10, 20) * MINUTE;
  const epicentre: Place = randomPlace(rng, region);
  const streets = neighbourhoodStreets(rng, 3);
  const service = pickService(rng, category, epicentre);
  const registrations = Array.from({ length: count }, () => toSecond(startAt + triangular(rng) * durationMs)).sort(
    (a, b) => a - b,
  );
  const lastRegistration = registrations[registrations.length - 1] as number;

  const openAt = Math.max(toSecond(startAt + rng.uniform(4, 8) * MINUTE), (registrations[9] as number) + SECOND);
  const updateAt = Math.max(toSecond(startAt + durationMs + rng.uniform(1, 4) * MINUTE), lastRegistration + SECOND);
  const resolvedAt = Math.max(updateAt + 10 * MINUTE, toSecond(startAt + Math.min(rng.uniform(2, 6) * HOUR, capMs)));

  const appealIds: string[] = [];
  const appeals = registrations.map((registeredAt) => {
    const appealId = input.nextAppealId();
    appealIds.push(appealId);
    const language = pickLanguage(rng, region);
    const data = createAppealContent({
      rng,
      appealId,
      category,
      channel: rng.weighted(CHANNELS, CHANNEL_WEIGHTS),
      priority: rng.weighted(PRIORITIES, PRIORITY_WEIGHTS),
      place: placeNear(rng, epicentre, 0.008),
      language,
      description: rng.pick(outage.descriptions[language]),
      street: rng.pick(streets),
    });
    const assignedAt = Math.max(registeredAt + rng.uniform(1, 4) * MINUTE, openAt + rng.uniform(0, 3) * MINUTE);
    const startedAt = assignedAt + rng.uniform(1, 10) * MINUTE;
    const fixedAt = resolvedAt + rng.uniform(2, 40) * MINUTE;
    const closedAt = fixedAt + rng.lognormal(30, 0.8) * MINUTE;
    const lifecycle: RelativeStep[] = [
      { offsetMs: assignedAt - registeredAt, body: { type: 'appeal.assigned', data: { appealId, service } } },
      { offsetMs: startedAt - registeredAt, body: statusBody(appealId, 'in_progress', outage.inProgress[language]) },
      {
        offsetMs: fixedAt - registeredAt,
        body: statusBody(appealId, 'resolved', outage.resolved[language], 'satisfied'),
      },
      { offsetMs: closedAt - registeredAt, body: statusBody(appealId, 'closed') },
    ];
    return [
      { at: registeredAt, body: { type: 'appeal.registered', data } },
      ...fitSteps(registeredAt, lifecycle, capMs),
    ] as PlannedStep[];
  });

  const linkedAtOpen = appealIds.filter((_, i) => (registrations[i] as number) < openAt);
  const linkedLater = appealIds.slice(linkedAtOpen.length);
  const houses = Math.max(3, Math.round(count / rng.uniform(4, 9)));
  const place =
    region.kind === 'city' && epicentre.district
      ? `г. ${epicentre.town.ru}, ${epicentre.district.ru}`
      : `г. ${epicentre.town.ru}`;
  const opened: EventOf<'incident.opened'>['data'] = {
    incidentId,
    title: `${outage.title}: ${place}`,
    category,
    severity: 'major',
    location: {
      lat: epicentre.lat,
      lng: epicentre.lng,
      address: `${place}, ${(streets[0] as Bilingual).ru}`,
      ...(epicentre.district ? { district: epicentre.district.ru } : {}),
    },
    affected: houses * rng.int(60, 180),
    appealIds: linkedAtOpen,
  };
  const incident: PlannedStep[] = [
    { at: openAt, body: { type: 'incident.opened', data: opened } },
    {
      at: updateAt,
      body: {
        type: 'incident.updated',
        data: {
          incidentId,
          ...(count >= 250 ? { severity: 'critical' as const } : {}),
          note: outage.update.replace('{n}', String(houses)),
          appealIds: linkedLater,
        },
      },
    },
    { at: resolvedAt, body: { type: 'incident.resolved', data: { incidentId, note: outage.resolved.ru } } },
  ];
  return { category, appeals, incident };
}
