import type { CategoryCode } from '@shared';
import type { Bilingual, Language, Place } from './places';
import type { Rng } from './random';
import { demoServiceIdOf, demoServicesFor } from '../services/demoServices';

/**
 * Fictional executors by category, modelled on how Kazakh utilities are named
 * ("ТОО «Астана-Теплотранзит»" style). `{c}` is the town, `{n}` a number. None of
 * these is meant to be a real company.
 */
const SERVICES: Record<CategoryCode, readonly string[]> = {
  heating: ['ТОО «{c}-Теплотранзит»', 'ГКП «{c} Жылу»'],
  water_sewer: ['ГКП «{c} Су Арнасы»', 'ТОО «Водоканал {c}»'],
  electricity: ['ТОО «{c} Энергосеть»', 'АО «РЭК {c}»'],
  gas: ['Аварийная газовая служба 104, г. {c}', 'ТОО «Газсервис {c}»'],
  lifts: ['ТОО «{c} Лифт Сервис»', 'ТОО «ЛифтМонтаж-{n}»'],
  lighting: ['ГКП «{c} Жарық»', 'ТОО «Горсвет {c}»'],
  roads: ['ГКП «{c} Жолдары»', 'Управление автомобильных дорог г. {c}'],
  winter_upkeep: ['ТОО «{c} Тазалық»', 'ГКП «Коммунальная служба {c}»'],
  flooding: ['ГКП «{c} Су Арнасы»', 'Служба ливневой канализации г. {c}'],
  waste: ['ТОО «{c} Таза Қала»', 'ТОО «ЭкоСервис {c}»'],
  landscaping: ['ГКП «{c} Жасыл Әлем»', 'Управление зелёной экономики г. {c}'],
  animals_pests: ['ГКП «Служба отлова животных г. {c}»', 'ТОО «Дезинфекция-{n}»'],
  public_transport: ['Управление пассажирского транспорта г. {c}', 'ТОО «Автобусный парк №{n}»'],
  housing: ['ОСИ «Жұлдыз-{n}»', 'Жилищная инспекция г. {c}'],
  public_order: ['Отдел полиции г. {c}', 'Участковый пункт полиции №{n}'],
  consultation: ['Аппарат акима г. {c}', 'ЦОН г. {c}'],
  healthcare: ['Управление здравоохранения г. {c}', 'ГКП «Городская поликлиника №{n}»'],
  education: ['Управление образования г. {c}', 'КГУ «Школа-гимназия №{n}»'],
  social_support: ['Управление занятости и социальных программ г. {c}', 'Отдел социальной помощи г. {c}'],
  utility_billing: ['ТОО «Расчётный центр {c}»', 'ТОО «{c} ЕРЦ»'],
  corruption: ['Департамент по противодействию коррупции г. {c}', 'Служба внутреннего контроля акимата г. {c}'],
};

/** Where an appeal goes when the first executor says it is not theirs. */
function localAuthority(place: Place): string {
  if (!place.district) return `Аппарат акима г. ${place.town.ru}`;
  const d = place.district.ru;
  // "район Есиль" → "района Есиль", "Алмалинский район" → "Алмалинского района".
  return `Акимат ${d.startsWith('район ') ? `района ${d.slice(6)}` : d.replace(/ский район$/, 'ского района')}`;
}

/** The executor for an appeal in `category` at `place`. */
export function pickService(rng: Rng, category: CategoryCode, place: Place): string {
  if (rng.chance(0.12)) return localAuthority(place);
  const template = rng.pick(SERVICES[category]);
  const n = rng.int(1, 12);
  // The demo directory's organisation when it has one here (same draws: the plans stay as they were).
  const known = demoServicesFor(place.region.code, category);
  if (known.length > 0) return (known[n % known.length] as (typeof known)[number]).name.ru;
  return template.replace('{c}', place.town.ru).replace('{n}', String(n));
}

/** `appeal.assigned` data naming `service`, with its demo directory БИН when it has one. */
export function withServiceId<T extends { service: string }>(data: T): T & { serviceId?: string } {
  const serviceId = demoServiceIdOf(data.service);
  return serviceId === undefined ? data : { ...data, serviceId };
}

/** A second executor, different from `first`, after a redirect. */
export function pickOtherService(rng: Rng, category: CategoryCode, place: Place, first: string): string {
  const candidates = [
    ...SERVICES[category].map((s) => s.replace('{c}', place.town.ru).replace('{n}', String(rng.int(1, 12)))),
    localAuthority(place),
  ];
  const others = candidates.filter((s) => s !== first);
  return others.length > 0 ? rng.pick(others) : localAuthority(place);
}

export type CommentKind = 'in_progress' | 'resolved' | 'closed' | 'rejected' | 'redirected' | 'reopened' | 'first_call';

const b = (ru: string, kk: string): Bilingual => ({ ru, kk });

const COMMENTS: Record<CommentKind, readonly Bilingual[]> = {
  in_progress: [
    b('Бригада выехала на место', 'Бригада орнына шықты'),
    b('Работы начаты', 'Жұмыс басталды'),
    b('Специалист на месте, проводится осмотр', 'Маман орнында, тексеру жүргізілуде'),
  ],
  resolved: [
    b('Неисправность устранена', 'Ақау жойылды'),
    b('Работы выполнены, фотоотчёт приложен', 'Жұмыс орындалды, фотоесеп қоса берілді'),
  ],
  closed: [
    b('Заявитель подтвердил исполнение', 'Өтініш беруші орындалғанын растады'),
    b('Закрыто по истечении срока подтверждения', 'Растау мерзімі өткеннен кейін жабылды'),
  ],
  rejected: [
    b('Дубликат обращения', 'Өтініш қайталанған'),
    b('Не подтвердилось при выезде на место', 'Орнына барғанда расталмады'),
    b('Недостаточно данных для рассмотрения', 'Қарау үшін деректер жеткіліксіз'),
  ],
  redirected: [b('Перенаправлено по компетенции', 'Құзыреті бойынша қайта бағытталды')],
  reopened: [b('Заявитель сообщает, что проблема не устранена', 'Өтініш беруші мәселе шешілмегенін хабарлайды')],
  first_call: [
    b('Решено при первом обращении: консультация предоставлена', 'Бірінші қоңырауда шешілді: кеңес берілді'),
  ],
};

/** An operator's comment on a status change, in the appeal's language. */
export function randomComment(rng: Rng, kind: CommentKind, language: Language): string {
  return rng.pick(COMMENTS[kind])[language];
}
