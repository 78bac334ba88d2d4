import {
  iinControlDigit,
  REGION_CODES,
  SETTLEMENTS,
  type CategoryCode,
  type OrganisationInput,
  type OrganisationKind,
  type RegionCode,
} from '@shared';
import type { ServiceDirectory } from './serviceDirectory';

/**
 * DEMO ONLY — a fictional service directory for the demo (DEMO=true): 55 organisations in
 * the style of Kazakh utilities and akimat departments, none of them real. Their БИНs are
 * generated here, deterministically, so they pass the checksum; any coincidence with a
 * registered company is accidental. The simulator routes its appeals to these (serviceId).
 */

interface Template {
  ru: string;
  kk: string;
  en: string;
  kind: OrganisationKind;
  categories: CategoryCode[];
}

const t = (ru: string, kk: string, en: string, kind: OrganisationKind, categories: CategoryCode[]): Template => ({
  ru,
  kk,
  en,
  kind,
  categories,
});

/** `{c}` is the town (ru / kk / en). The first one's Russian name is what the simulator's "local authority" writes. */
const CITY_TEMPLATES: readonly Template[] = [
  t('Аппарат акима г. {c}', '{c} қаласы әкімінің аппараты', "{c} Akim's Office", 'city_department', []),
  t('ТОО «{c}-Теплотранзит»', '«{c}-Теплотранзит» ЖШС', '{c}-Teplotranzit LLP', 'utility', ['heating']),
  t('ГКП «{c} Су Арнасы»', '«{c} Су Арнасы» МКК', '{c} Su Arnasy', 'utility', ['water_sewer', 'flooding']),
  t('АО «РЭК {c}»', '«{c} ӨЭК» АҚ', '{c} Regional Power Company', 'utility', ['electricity']),
  t('ТОО «Газсервис {c}»', '«Газсервис {c}» ЖШС', 'Gasservice {c} LLP', 'utility', ['gas']),
  t('ТОО «{c} Лифт Сервис»', '«{c} Лифт Сервис» ЖШС', '{c} Lift Service LLP', 'lift_company', ['lifts']),
  t('ГКП «{c} Жолдары»', '«{c} Жолдары» МКК', '{c} Roads', 'utility', ['roads', 'winter_upkeep']),
  t('ТОО «{c} Таза Қала»', '«{c} Таза Қала» ЖШС', '{c} Clean City LLP', 'utility', ['waste', 'winter_upkeep']),
  t('Жилищная инспекция г. {c}', '{c} қаласының тұрғын үй инспекциясы', '{c} Housing Inspectorate', 'city_department', [
    'housing',
    'utility_billing',
  ]),
  t('ГКП «{c} Жарық»', '«{c} Жарық» МКК', '{c} Street Lighting', 'utility', ['lighting']),
  t('ОСИ «Жұлдыз-1, г. {c}»', '«Жұлдыз-1» ПИБ, {c} қ.', 'Zhuldyz-1 Owners Association, {c}', 'housing', [
    'housing',
    'lifts',
  ]),
  t('ГКП «{c} Жасыл Әлем»', '«{c} Жасыл Әлем» МКК', '{c} Green World', 'utility', ['landscaping']),
  t(
    'Управление пассажирского транспорта г. {c}',
    '{c} қаласының жолаушылар көлігі басқармасы',
    '{c} Public Transport Department',
    'city_department',
    ['public_transport'],
  ),
  t('ТОО «ЛифтМонтаж-{c}»', '«ЛифтМонтаж-{c}» ЖШС', 'LiftMontazh-{c} LLP', 'lift_company', ['lifts']),
  t('КСК «Нұрлы Үй, г. {c}»', '«Нұрлы Үй» ПТК, {c} қ.', 'Nurly Uy Cooperative, {c}', 'housing', ['housing']),
  t(
    'Управление здравоохранения г. {c}',
    '{c} қаласының денсаулық сақтау басқармасы',
    '{c} Health Department',
    'city_department',
    ['healthcare'],
  ),
];

/** How many of the templates each city gets (the rest of the regions: the akim's office only). */
const CITY_SIZES: Partial<Record<RegionCode, number>> = { 'KZ-71': 16, 'KZ-75': 13, 'KZ-79': 9 };

/**
 * A fictional, checksum-valid БИН for the i-th demo organisation: YYMM, 4 (resident legal
 * entity), 0 (head office), a serial, the control digit. Serials whose control digit does
 * not exist (never issued) are skipped.
 */
export function demoBin(i: number): string {
  const yy = String(2 + ((i * 7) % 20)).padStart(2, '0');
  const mm = String(1 + ((i * 5) % 12)).padStart(2, '0');
  for (let serial = 90_000 + i * 97; ; serial += 1) {
    const first11 = `${yy}${mm}40${String(serial % 100_000).padStart(5, '0')}`;
    const control = iinControlDigit(Array.from(first11, Number));
    if (control !== null) return `${first11}${control}`;
  }
}

function build(): OrganisationInput[] {
  const list: OrganisationInput[] = [];
  for (const region of REGION_CODES) {
    const town = SETTLEMENTS[region][0]?.name;
    if (!town) continue;
    for (const template of CITY_TEMPLATES.slice(0, CITY_SIZES[region] ?? 1)) {
      list.push({
        bin: demoBin(list.length),
        name: {
          ru: template.ru.replace('{c}', town.ru),
          kk: template.kk.replace('{c}', town.kk),
          en: template.en.replace('{c}', town.en),
        },
        kind: template.kind,
        regions: [region],
        categories: template.categories,
        phone: `+7 7${String(10 + (list.length % 90))} ${String(100 + list.length).padStart(3, '0')} 00 00`,
        active: true,
      });
    }
  }
  return list;
}

/** The demo directory (DEMO ONLY, fictional). */
export const DEMO_SERVICES: readonly OrganisationInput[] = build();

const BIN_BY_NAME = new Map(DEMO_SERVICES.map((o) => [o.name.ru, o.bin]));

/** The demo organisation's БИН for a name the simulator wrote, if the demo directory has it. */
export function demoServiceIdOf(name: string): string | undefined {
  return BIN_BY_NAME.get(name);
}

/** Demo organisations that handle this category in this region (not the catch-all akim's offices). */
export function demoServicesFor(region: RegionCode, category: CategoryCode): OrganisationInput[] {
  return DEMO_SERVICES.filter((o) => o.regions.includes(region) && o.categories.includes(category));
}

/** Adds the demo organisations not in the directory yet (a deactivated one stays deactivated); resolves to how many. */
export async function ensureDemoServices(directory: Pick<ServiceDirectory, 'create'>): Promise<number> {
  let created = 0;
  for (const org of DEMO_SERVICES) if (await directory.create(org)) created += 1;
  return created;
}
