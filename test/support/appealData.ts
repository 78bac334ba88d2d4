import {
  CATEGORY_CODES,
  getCategory,
  type CategoryCode,
  type Channel,
  type EventEnvelope,
  type Priority,
  type RegionCode,
  type StatusChange,
} from '@shared';
import type { EventLog } from '../../server/src/stream/eventLog';

/**
 * A seeded, realistic data set of appeals and incidents written as stream events, and a
 * naive reference model of what the list API must answer for it: a straightforward replay
 * of the same events and a plain filter + sort, written for the tests (never the shared
 * reducer or `queryAppeals`), so the two implementations check each other.
 */

// ─── Seeded randomness ───────────────────────────────────────────────────────────────────

export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Whole number in [min, max]. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
  /** A few distinct items, in random order. */
  sample<T>(items: readonly T[], count: number): T[];
}

/** mulberry32: small, fast, good enough for test data; the same seed gives the same data. */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  return {
    next,
    int,
    pick,
    chance: (p) => next() < p,
    sample: <T>(items: readonly T[], count: number): T[] => {
      const copy = [...items];
      for (let i = copy.length - 1; i > 0; i -= 1) {
        const j = Math.floor(next() * (i + 1));
        [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
      }
      return copy.slice(0, count);
    },
  };
}

// ─── Vocabulary (written out here on purpose: the tests do not borrow the server's lists) ─

export const PRIORITY_ORDER = ['low', 'normal', 'high', 'emergency'] as const;
export const STATUS_ORDER = [
  'registered',
  'assigned',
  'in_progress',
  'resolved',
  'closed',
  'rejected',
  'reopened',
  'redirected',
] as const;
export const CHANNEL_LIST = ['call', 'app', 'telegram', 'web', 'social', 'walk_in'] as const;
export const SEVERITY_ORDER = ['minor', 'major', 'critical'] as const;
const FINISHED = new Set(['resolved', 'closed', 'rejected']);

export const isOpen = (status: string): boolean => !FINISHED.has(status);

interface RegionPlace {
  code: RegionCode;
  lat: number;
  lng: number;
  addresses: readonly string[];
  districts: readonly string[];
}

/** Five regions with addresses in Russian and Kazakh (commas, quotes, slashes, Kazakh letters). */
export const PLACES: readonly RegionPlace[] = [
  {
    code: 'KZ-71',
    lat: 51.128,
    lng: 71.43,
    addresses: ['ул. Кенесары, 40', 'пр. Мәңгілік Ел, 55/1', 'Сарыарқа даңғылы, 12', 'ул. Сығанақ, 18, кв. 7'],
    districts: ['Есіл ауданы', 'Сарыарқа ауданы', 'Алматы ауданы'],
  },
  {
    code: 'KZ-75',
    lat: 43.238,
    lng: 76.889,
    addresses: ['мкр. Самал-2, д. 58', 'ул. Төле би, 155', 'пр. Абая, 10 "А"', 'Жетісу-3, 21'],
    districts: ['Әуезов ауданы', 'Алмалинский район', 'Бостандық ауданы'],
  },
  {
    code: 'KZ-79',
    lat: 42.317,
    lng: 69.596,
    addresses: ['мкр. Нұрсәт, 14', 'пр. Тәуке хан, 33', 'ул. Ғ. Мұратбаев, 9', 'ЖК «Шұғыла», блок Б'],
    districts: ['Еңбекші ауданы', 'Әл-Фараби ауданы'],
  },
  {
    code: 'KZ-55',
    lat: 52.287,
    lng: 76.967,
    addresses: ['ул. Торайғыров, 64', 'ул. Ломова, 181', 'ул. Естая, 99; подъезд 3', 'квартал 5, "Теплотрасса"'],
    districts: ['Павлодар қаласы'],
  },
  {
    code: 'KZ-23',
    lat: 47.106,
    lng: 51.916,
    addresses: ['ул. Сәтпаев, 17', 'мкр. Нұрсая, 45', 'пр. Азаттық, 2, офис «Өнім»'],
    districts: ['Атырау қаласы', 'Жұмыскер кенті'],
  },
];

const DESCRIPTIONS = [
  'Нет отопления в подъезде, батареи холодные',
  'Көшеде жарық жоқ, ЖАРЫҚ сөнген',
  'Протечка "сверху", вода течёт по стене\nпросьба срочно',
  '=HYPERLINK("http://example.invalid","нажми") подозрительная запись',
  '-Не работает лифт, застряли соседи',
  '@жители дома просят вывезти мусор',
  '+7 701 555 12 34 — перезвоните, пахнет газом',
  'Ямы на дороге; ""кавычки"" и запятые, много, очень',
  'Қоқыс шығарылмады, үш күн бойы',
  'Собака без хозяина во дворе, тел. 8 (702) 345-67-89',
  'ОСИ не отвечает\r\nвторая строка, третья\tчерез табуляцию',
  'Снег не убран; гололёд у школы №12',
  'Автобус 37 не ходит с утра',
  'Шум после 23:00, соседи сверху',
  'Консультация по тарифам: 1 200 ₸ за м³?',
  'Подтопление двора после ливня — жарық та жоқ',
];

/** Phones written into descriptions above (national 10 digits): they must never leave unmasked. */
const PHONES_IN_DESCRIPTIONS = ['7015551234', '7023456789'];

const SERVICES = [
  'Астана-Теплотранзит',
  'ТОО "Алматы Су"',
  'Шымкент Жарық',
  'КСК «Болашақ»',
  'Горсвет, участок 3',
  'АО «КазТрансГаз Аймак»',
  'Лифт-Сервис',
  'ГКП «Тазалық»',
];
const ASSIGNEES = ['бригада №4', 'мастер участка 12', 'дежурная смена Б', 'инженер Қ. Ә.'];

/** Citizens' names: never in any answer (masked to initials), never matched by `q`. */
export const FIRST_NAMES = ['Айгерім', 'Нұрлан', 'Ерлан', 'Гүлнара', 'Дәурен', 'Сәуле', 'Мария', 'Игорь'];
export const SURNAMES = [
  'Сапарова',
  'Жақсыбеков',
  'Тоқтаров',
  'Әбдірахманова',
  'Иваненко',
  'Құрманғалиев',
  'Петрова',
  'Оспанова',
];

const INCIDENT_TITLES = [
  'Авария на теплотрассе',
  'Жылу желісіндегі апат',
  'Отключение электроэнергии, 3 квартала',
  'Прорыв водовода "Магистральный"',
  'Су басу: Есіл жағалауы',
  'Газ ағуы, эвакуация',
];
const INCIDENT_NOTES = ['Бригада на месте', 'Локализовано, ждём запчасти', 'Жөндеу жұмыстары жүріп жатыр'];

// ─── The data set ────────────────────────────────────────────────────────────────────────

export interface DataSet {
  /** In stream order (by `at`, registration before what follows it). */
  events: EventEnvelope[];
  appealIds: string[];
  incidentIds: string[];
  /** Full citizen names used. */
  names: string[];
  /** National 10-digit numbers of every phone used (citizens and descriptions). */
  phones: string[];
}

const MINUTE = 60_000;
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** `at` in one of the two spellings producers use: UTC `Z` or Kazakhstan `+05:00`. */
export function isoAt(ms: number, random: Random): string {
  if (random.chance(0.5)) return new Date(ms).toISOString();
  return `${new Date(ms + 5 * 3_600_000).toISOString().slice(0, 19)}+05:00`;
}

function phoneText(national: string, random: Random): string {
  const d = national;
  switch (random.int(0, 4)) {
    case 0:
      return `+7 ${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6, 8)} ${d.slice(8)}`;
    case 1:
      return `8 (${d.slice(0, 3)}) ${d.slice(3, 6)}-${d.slice(6, 8)}-${d.slice(8)}`;
    case 2:
      return `8${d}`;
    case 3:
      return `+7${d}`;
    default:
      return `${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6)}`;
  }
}

interface Planned {
  at: number;
  order: number;
  envelope: (at: string) => EventEnvelope;
}

/**
 * About `count` appeals across the five regions, every category, priority, channel and
 * status, registered over the three days before `now`, with assignments, status changes,
 * escalations and incidents linking them. Deterministic for a seed.
 */
export function generateAppealData(options: { seed: number; now: number; count: number; idPrefix: string }): DataSet {
  const { now, count, idPrefix } = options;
  const random = createRandom(options.seed);
  const planned: Planned[] = [];
  let order = 0;
  let eventNo = 0;
  const plan = (at: number, envelope: (atText: string) => Omit<EventEnvelope, 'id' | 'at' | 'v'>): void => {
    eventNo += 1;
    const id = `${idPrefix}-evt-${eventNo}`;
    order += 1;
    planned.push({ at, order, envelope: (atText) => ({ v: 1, id, at: atText, ...envelope(atText) }) as EventEnvelope });
  };
  const appealIds: string[] = [];
  const names = new Set<string>();
  const phones = new Set<string>(PHONES_IN_DESCRIPTIONS);
  const registered: { id: string; region: RegionCode; at: number }[] = [];
  let previousAt = now - 3 * 24 * 60 * MINUTE;

  for (let n = 0; n < count; n += 1) {
    const place = PLACES[n % PLACES.length] as RegionPlace;
    // Every category, priority and channel is certain to appear; the rest is random.
    const category = n < CATEGORY_CODES.length ? (CATEGORY_CODES[n] as CategoryCode) : random.pick(CATEGORY_CODES);
    const priority: Priority = (n < 4 ? PRIORITY_ORDER[n] : undefined) ?? random.pick(PRIORITY_ORDER);
    const channel: Channel = (n < 6 ? CHANNEL_LIST[n] : undefined) ?? random.pick(CHANNEL_LIST);
    // Some share the previous registration instant exactly (ties are broken by id).
    const at = random.chance(0.04) ? previousAt : now - random.int(1, 3 * 24 * 60 * 60) * 1000;
    previousAt = at;
    const code = Array.from({ length: 8 }, () => random.pick(CROCKFORD.split(''))).join('');
    // Outside producers use other id shapes; every one is a valid entity id.
    const id = random.chance(0.05) ? `ext:${place.code.toLowerCase()}/2026.${n}_${code.slice(0, 3)}` : `A-${code}`;
    appealIds.push(id);
    const location = {
      lat: Math.round((place.lat + random.int(-400, 400) / 10_000) * 10_000) / 10_000,
      lng: Math.round((place.lng + random.int(-400, 400) / 10_000) * 10_000) / 10_000,
      ...(random.chance(0.85) ? { address: random.pick(place.addresses) } : {}),
      ...(random.chance(0.5) ? { district: random.pick(place.districts) } : {}),
    };
    const citizen: { name?: string; phone?: string } = {};
    if (random.chance(0.8)) {
      const name = `${random.pick(FIRST_NAMES)} ${random.pick(SURNAMES)}`;
      names.add(name);
      citizen.name = name;
    }
    if (random.chance(0.8)) {
      const national = `7${random.pick(['0', '7', '4', '5'])}${String(random.int(0, 99_999_999)).padStart(8, '0')}`;
      phones.add(national);
      citizen.phone = phoneText(national, random);
    }
    const slaMinutes = random.chance(0.1) ? random.int(30, 5000) : undefined;
    const description = random.pick(DESCRIPTIONS);
    plan(at, () => ({
      type: 'appeal.registered',
      region: place.code,
      data: {
        appealId: id,
        channel,
        category,
        priority,
        location,
        description,
        ...(Object.keys(citizen).length > 0 ? { citizen } : {}),
        ...(slaMinutes !== undefined ? { slaMinutes } : {}),
      },
    }));
    registered.push({ id, region: place.code, at });

    // What happens next: a path through the workflow, cut off at `now`.
    const steps: ({ kind: 'assign' } | { kind: 'status'; status: StatusChange } | { kind: 'escalate' })[] = [];
    const path = random.next();
    if (path < 0.22) {
      // stays registered
    } else if (path < 0.4) steps.push({ kind: 'assign' });
    else if (path < 0.52) steps.push({ kind: 'assign' }, { kind: 'status', status: 'in_progress' });
    else if (path < 0.64) {
      steps.push({ kind: 'assign' }, { kind: 'status', status: 'in_progress' }, { kind: 'status', status: 'resolved' });
    } else if (path < 0.72) {
      steps.push({ kind: 'assign' }, { kind: 'status', status: 'resolved' }, { kind: 'status', status: 'closed' });
    } else if (path < 0.78) steps.push({ kind: 'status', status: 'rejected' });
    else if (path < 0.84) {
      steps.push(
        { kind: 'assign' },
        { kind: 'status', status: 'resolved' },
        { kind: 'status', status: 'reopened' },
        ...(random.chance(0.5) ? [{ kind: 'status' as const, status: 'in_progress' as const }] : []),
      );
    } else if (path < 0.9) steps.push({ kind: 'assign' }, { kind: 'status', status: 'redirected' });
    else if (path < 0.94) {
      steps.push({ kind: 'status', status: 'rejected' }, { kind: 'status', status: 'closed' });
      if (random.chance(0.5)) steps.push({ kind: 'status', status: 'reopened' });
    } else steps.push({ kind: 'escalate' }, { kind: 'assign' });
    if (random.chance(0.04) && steps.length > 0) steps.splice(1, 0, { kind: 'assign' });

    let t = at;
    let currentPriority: string = priority;
    for (const step of steps) {
      t += random.int(1, 600) * MINUTE + random.int(0, 59) * 1000;
      if (t > now) break;
      if (step.kind === 'assign') {
        const service = random.pick(SERVICES);
        const data = random.chance(0.5)
          ? { appealId: id, service, assignee: random.pick(ASSIGNEES) }
          : { appealId: id, service };
        plan(t, () => ({ type: 'appeal.assigned', region: place.code, data }));
      } else if (step.kind === 'status') {
        const { status } = step;
        const comment = random.chance(0.3) ? 'Принято в работу, жауап берілді' : undefined;
        plan(t, () => ({
          type: 'appeal.status_changed',
          region: place.code,
          data: { appealId: id, status, ...(comment !== undefined ? { comment } : {}) },
        }));
      } else {
        const rank = PRIORITY_ORDER.indexOf(currentPriority as (typeof PRIORITY_ORDER)[number]);
        if (rank >= PRIORITY_ORDER.length - 1) continue;
        const raised = PRIORITY_ORDER[random.int(rank + 1, PRIORITY_ORDER.length - 1)] as Priority;
        currentPriority = raised;
        plan(t, () => ({ type: 'appeal.escalated', region: place.code, data: { appealId: id, priority: raised } }));
      }
    }
  }

  // Incidents linking appeals of their own region registered before they open.
  const incidentIds: string[] = [];
  for (let n = 0; n < 40; n += 1) {
    const place = PLACES[n % PLACES.length] as RegionPlace;
    const openedAt = now - random.int(60, 2 * 24 * 60) * MINUTE;
    const id = `I-${idPrefix.toUpperCase()}-${String(n).padStart(3, '0')}`;
    incidentIds.push(id);
    const candidates = registered.filter((a) => a.region === place.code && a.at < openedAt).map((a) => a.id);
    const linked = random.sample(candidates, random.int(1, 6));
    const category = random.pick(CATEGORY_CODES);
    const severity = random.pick(SEVERITY_ORDER);
    const title = random.pick(INCIDENT_TITLES);
    const affected = random.chance(0.6) ? random.int(10, 5000) : undefined;
    plan(openedAt, () => ({
      type: 'incident.opened',
      region: place.code,
      data: {
        incidentId: id,
        title,
        category,
        severity,
        location: { lat: place.lat, lng: place.lng, address: random.pick(place.addresses) },
        ...(affected !== undefined ? { affected } : {}),
        appealIds: linked,
      },
    }));
    let t = openedAt;
    if (random.chance(0.6)) {
      t += random.int(5, 300) * MINUTE;
      if (t <= now) {
        const more = random.sample(
          registered.filter((a) => a.region === place.code && a.at < t).map((a) => a.id),
          random.int(0, 4),
        );
        const note = random.pick(INCIDENT_NOTES);
        const newSeverity = random.chance(0.5) ? random.pick(SEVERITY_ORDER) : undefined;
        plan(t, () => ({
          type: 'incident.updated',
          region: place.code,
          data: {
            incidentId: id,
            note,
            ...(newSeverity !== undefined ? { severity: newSeverity } : {}),
            ...(more.length > 0 ? { appealIds: more } : {}),
          },
        }));
      }
    }
    if (random.chance(0.4)) {
      t += random.int(5, 600) * MINUTE;
      if (t <= now) {
        plan(t, () => ({
          type: 'incident.resolved',
          region: place.code,
          data: { incidentId: id, note: 'Восстановлено полностью, қалпына келтірілді' },
        }));
      }
    }
  }

  planned.sort((a, b) => a.at - b.at || a.order - b.order);
  const events = planned.map((p) => p.envelope(isoAt(p.at, random)));
  return { events, appealIds, incidentIds, names: [...names], phones: [...phones] };
}

/**
 * XADDs the envelopes in order on the log's one connection without waiting for each reply
 * (node-redis pipelines them in call order); resolves to the last stream id.
 */
export async function appendInOrder(log: EventLog, events: readonly EventEnvelope[]): Promise<string> {
  let last = '0-0';
  for (let start = 0; start < events.length; start += 500) {
    const ids = await Promise.all(
      events.slice(start, start + 500).map((e) => log.append('events', { event: JSON.stringify(e) })),
    );
    last = ids[ids.length - 1] ?? last;
  }
  return last;
}

// ─── The reference model ─────────────────────────────────────────────────────────────────

export interface RefAppeal {
  id: string;
  region: string;
  category: string;
  priority: string;
  channel: string;
  status: string;
  registeredAt: number;
  updatedAt: number;
  dueAt: number;
  slaMinutes?: number;
  description: string;
  address?: string;
  district?: string;
  service?: string;
  assignee?: string;
  incidentId?: string;
}

export interface RefIncident {
  id: string;
  region: string;
  category: string;
  severity: string;
  status: string;
  title: string;
  note?: string;
  openedAt: number;
  updatedAt: number;
  appealIds: string[];
}

export interface Reference {
  appeals: Map<string, RefAppeal>;
  incidents: Map<string, RefIncident>;
  apply(event: EventEnvelope): void;
}

function resolutionMinutes(category: string, priority: string, slaMinutes: number | undefined): number {
  if (slaMinutes !== undefined) return slaMinutes;
  return getCategory(category as CategoryCode).resolutionSla[priority as (typeof PRIORITY_ORDER)[number]];
}

/** The events replayed the plain way: last status wins, links point at the last incident. */
export function createReference(): Reference {
  const appeals = new Map<string, RefAppeal>();
  const incidents = new Map<string, RefIncident>();
  const link = (incidentId: string, ids: readonly string[] | undefined, into: string[]): void => {
    for (const id of ids ?? []) {
      if (!into.includes(id)) into.push(id);
      const appeal = appeals.get(id);
      if (appeal) appeal.incidentId = incidentId;
    }
  };
  return {
    appeals,
    incidents,
    apply(event) {
      const at = Date.parse(event.at);
      const region = event.region as string;
      switch (event.type) {
        case 'appeal.registered': {
          const d = event.data;
          appeals.set(d.appealId, {
            id: d.appealId,
            region,
            category: d.category,
            priority: d.priority,
            channel: d.channel,
            status: 'registered',
            registeredAt: at,
            updatedAt: at,
            dueAt: at + resolutionMinutes(d.category, d.priority, d.slaMinutes) * MINUTE,
            ...(d.slaMinutes !== undefined ? { slaMinutes: d.slaMinutes } : {}),
            description: d.description,
            ...(d.location.address !== undefined ? { address: d.location.address } : {}),
            ...(d.location.district !== undefined ? { district: d.location.district } : {}),
          });
          return;
        }
        case 'appeal.assigned': {
          const a = appeals.get(event.data.appealId);
          if (!a) return;
          a.service = event.data.service;
          if (event.data.assignee === undefined) delete a.assignee;
          else a.assignee = event.data.assignee;
          if (isOpen(a.status)) a.status = 'assigned';
          a.updatedAt = Math.max(a.updatedAt, at);
          return;
        }
        case 'appeal.status_changed': {
          const a = appeals.get(event.data.appealId);
          if (!a) return;
          a.status = event.data.status;
          a.updatedAt = Math.max(a.updatedAt, at);
          return;
        }
        case 'appeal.escalated': {
          const a = appeals.get(event.data.appealId);
          if (!a) return;
          a.priority = event.data.priority;
          a.dueAt = a.registeredAt + resolutionMinutes(a.category, a.priority, a.slaMinutes) * MINUTE;
          a.updatedAt = Math.max(a.updatedAt, at);
          return;
        }
        case 'incident.opened': {
          const d = event.data;
          const incident: RefIncident = {
            id: d.incidentId,
            region,
            category: d.category,
            severity: d.severity,
            status: 'open',
            title: d.title,
            openedAt: at,
            updatedAt: at,
            appealIds: [],
          };
          incidents.set(incident.id, incident);
          link(incident.id, d.appealIds, incident.appealIds);
          return;
        }
        case 'incident.updated': {
          const i = incidents.get(event.data.incidentId);
          if (!i) return;
          if (event.data.severity) i.severity = event.data.severity;
          if (event.data.note) i.note = event.data.note;
          link(i.id, event.data.appealIds, i.appealIds);
          i.updatedAt = Math.max(i.updatedAt, at);
          return;
        }
        case 'incident.resolved': {
          const i = incidents.get(event.data.incidentId);
          if (!i) return;
          i.status = 'resolved';
          if (event.data.note) i.note = event.data.note;
          i.updatedAt = Math.max(i.updatedAt, at);
          return;
        }
        // Not produced by the list tests' generator: the law's events and restores change no listed field here.
        case 'appeal.extended':
        case 'appeal.feedback':
        case 'appeal.restored':
        case 'calendar.year_added':
          return;
      }
    },
  };
}

/** Filters of `GET /api/appeals` as the test means them (lists as sets, instants as text). */
export interface AppealFilter {
  region?: string[];
  category?: string[];
  status?: string[];
  priority?: string[];
  channel?: string[];
  overdue?: boolean;
  from?: string;
  to?: string;
  q?: string;
  incident?: string;
}

export interface IncidentFilter {
  region?: string[];
  category?: string[];
  severity?: string[];
  status?: string[];
  from?: string;
  to?: string;
  q?: string;
}

export const isOverdue = (a: RefAppeal, now: number): boolean => isOpen(a.status) && now > a.dueAt;

const contains = (needle: string) => {
  const lower = needle.trim().toLowerCase();
  return (texts: (string | undefined)[]) => texts.some((t) => t !== undefined && t.toLowerCase().includes(lower));
};

export function matchAppeal(a: RefAppeal, f: AppealFilter, scope: 'all' | readonly string[], now: number): boolean {
  const has = contains(f.q ?? '');
  return (
    (scope === 'all' || scope.includes(a.region)) &&
    (!f.region || f.region.includes(a.region)) &&
    (!f.category || f.category.includes(a.category)) &&
    (!f.status || f.status.includes(a.status)) &&
    (!f.priority || f.priority.includes(a.priority)) &&
    (!f.channel || f.channel.includes(a.channel)) &&
    (f.overdue === undefined || isOverdue(a, now) === f.overdue) &&
    (f.from === undefined || a.registeredAt >= Date.parse(f.from)) &&
    (f.to === undefined || a.registeredAt < Date.parse(f.to)) &&
    (f.incident === undefined || a.incidentId === f.incident) &&
    (f.q === undefined || f.q.trim() === '' || has([a.id, a.description, a.address, a.district, a.service, a.assignee]))
  );
}

export function matchIncident(i: RefIncident, f: IncidentFilter, scope: 'all' | readonly string[]): boolean {
  const has = contains(f.q ?? '');
  return (
    (scope === 'all' || scope.includes(i.region)) &&
    (!f.region || f.region.includes(i.region)) &&
    (!f.category || f.category.includes(i.category)) &&
    (!f.severity || f.severity.includes(i.severity)) &&
    (!f.status || f.status.includes(i.status)) &&
    (f.from === undefined || i.openedAt >= Date.parse(f.from)) &&
    (f.to === undefined || i.openedAt < Date.parse(f.to)) &&
    (f.q === undefined || f.q.trim() === '' || has([i.id, i.title, i.note]))
  );
}

type SortKeyOf<T> = (item: T) => number | string;

const APPEAL_KEYS: Record<string, SortKeyOf<RefAppeal>> = {
  registeredAt: (a) => a.registeredAt,
  updatedAt: (a) => a.updatedAt,
  dueAt: (a) => a.dueAt,
  priority: (a) => PRIORITY_ORDER.indexOf(a.priority as (typeof PRIORITY_ORDER)[number]),
  status: (a) => STATUS_ORDER.indexOf(a.status as (typeof STATUS_ORDER)[number]),
  region: (a) => a.region,
  category: (a) => a.category,
};
export const APPEAL_SORT_NAMES = Object.keys(APPEAL_KEYS).flatMap((k) => [k, `-${k}`]);

const INCIDENT_KEYS: Record<string, SortKeyOf<RefIncident>> = {
  openedAt: (i) => i.openedAt,
  updatedAt: (i) => i.updatedAt,
  severity: (i) => SEVERITY_ORDER.indexOf(i.severity as (typeof SEVERITY_ORDER)[number]),
};
export const INCIDENT_SORT_NAMES = Object.keys(INCIDENT_KEYS).flatMap((k) => [k, `-${k}`]);

function sortBy<T extends { id: string }>(items: T[], keys: Record<string, SortKeyOf<T>>, sort: string): T[] {
  const direction = sort.startsWith('-') ? -1 : 1;
  const keyOf = keys[sort.replace(/^-/, '')];
  if (!keyOf) throw new Error(`no sort ${sort}`);
  return [...items].sort((a, b) => {
    const ka = keyOf(a);
    const kb = keyOf(b);
    if (ka !== kb) return (ka < kb ? -1 : 1) * direction;
    return (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) * direction;
  });
}

/** The appeals the list must answer, in order. */
export function expectedAppeals(
  ref: Reference,
  f: AppealFilter,
  scope: 'all' | readonly string[],
  sort: string,
  now: number,
): RefAppeal[] {
  const matches = [...ref.appeals.values()].filter((a) => matchAppeal(a, f, scope, now));
  return sortBy(matches, APPEAL_KEYS, sort);
}

export function expectedIncidents(
  ref: Reference,
  f: IncidentFilter,
  scope: 'all' | readonly string[],
  sort: string,
): RefIncident[] {
  return sortBy(
    [...ref.incidents.values()].filter((i) => matchIncident(i, f, scope)),
    INCIDENT_KEYS,
    sort,
  );
}

/** The (key, id) position of an appeal in a sort, and whether `a` comes strictly after `b`. */
export function comesAfter(a: RefAppeal, b: RefAppeal, sort: string): boolean {
  const direction = sort.startsWith('-') ? -1 : 1;
  const keyOf = APPEAL_KEYS[sort.replace(/^-/, '')] as SortKeyOf<RefAppeal>;
  const ka = keyOf(a);
  const kb = keyOf(b);
  if (ka !== kb) return (ka < kb ? -1 : 1) * direction > 0;
  return (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) * direction > 0;
}

// ─── CSV ─────────────────────────────────────────────────────────────────────────────────

/**
 * RFC 4180 parser: quoted cells may hold the delimiter, CR, LF and doubled quotes;
 * records end with CRLF (a lone LF is accepted too). A leading byte-order mark is dropped.
 */
export function parseCsv(text: string, delimiter = ','): string[][] {
  const input = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  let isQuoted = false;
  let wasQuoted = false;
  while (i < input.length) {
    const c = input[i] as string;
    if (isQuoted) {
      if (c === '"') {
        if (input[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        isQuoted = false;
        i += 1;
        continue;
      }
      cell += c;
      i += 1;
      continue;
    }
    if (c === '"') {
      if (cell !== '' || wasQuoted) throw new Error(`stray quote at ${i}`);
      isQuoted = true;
      wasQuoted = true;
      i += 1;
    } else if (c === delimiter) {
      row.push(cell);
      cell = '';
      wasQuoted = false;
      i += 1;
    } else if (c === '\r' || c === '\n') {
      if (c === '\r' && input[i + 1] !== '\n') throw new Error(`bare CR at ${i}`);
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      wasQuoted = false;
      i += c === '\r' ? 2 : 1;
    } else {
      cell += c;
      i += 1;
    }
  }
  if (isQuoted) throw new Error('unterminated quoted cell');
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** What a spreadsheet-safe export makes of a cell: text starting with = + - @ TAB CR gets a `'`. */
export function defused(value: string): string {
  return /^[=+\-@\t\r]/.test(value) && !/^-\d+(?:\.\d+)?$/.test(value) ? `'${value}` : value;
}

/** Epoch ms as the exports write it: ISO-8601 UTC without milliseconds when they are zero. */
export function csvInstant(ms: number | null): string {
  return ms === null ? '' : new Date(ms).toISOString().replace('.000Z', 'Z');
}

/**
 * Personal data that must never appear in an answer: an 11-digit Kazakh number (not part of
 * a longer run of digits, such as a timestamp), any generated number in any dress (digits
 * with spaces, dots, dashes or brackets between them), or a generated surname (so no full
 * name either). Returns what leaked. One pass over the text: answers are scanned often.
 */
export function personalDataIn(text: string, data: Pick<DataSet, 'phones'>): string[] {
  const found: string[] = [];
  const bare = /(?<!\d)(?:\+?7|8)\d{10}(?!\d)/.exec(text);
  if (bare) found.push(bare[0]);
  const phones = new Set(data.phones);
  for (const run of text.matchAll(/\d(?:[\s.()-]*\d)*/g)) {
    const digits = run[0].replace(/\D/g, '');
    for (let i = 0; i + 10 <= digits.length; i += 1) {
      if (phones.has(digits.slice(i, i + 10))) found.push(run[0]);
    }
  }
  const name = new RegExp(SURNAMES.join('|'), 'g');
  for (const m of text.matchAll(name)) found.push(m[0]);
  return found;
}

export { CATEGORY_CODES };
