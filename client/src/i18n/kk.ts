import type { Messages } from './messages';

/** Kazakh UI strings (first-class: never falls back to another language). Terms from shared/glossary.md. */
export const kk: Messages = {
  app: {
    subtitle: 'Ахуалдық орталық',
  },
  header: {
    asOf: '{{time}} жағдай бойынша',
    language: 'Интерфейс тілі',
  },
  link: {
    label: 'Сервермен байланыс',
    live: 'нақты уақытта',
    stale: 'деректер ескірді',
    down: 'байланыс жоқ',
    connecting: 'қосылуда…',
    lastUpdate: 'соңғы жаңарту: {{age}}',
    noUpdates: 'әзірге жаңарту жоқ',
  },
  kpi: {
    title: 'Негізгі көрсеткіштер',
    open: 'Ашық өтініштер',
    overdue: 'Мерзімі өткен',
    registeredToday: 'Бүгін тіркелді',
    medianResponse: 'Әрекет ету уақыты (соңғы сағаттағы медиана)',
  },
  feed: {
    title: 'Өтініштер мен оқиғалар таспасы',
    empty: 'Әзірге жазба жоқ',
  },
  status: {
    registered: 'тіркелді',
    assigned: 'орындаушыға жіберілді',
    in_progress: 'жұмыста',
    resolved: 'орындалды',
    closed: 'жабылды',
    rejected: 'бас тартылды',
    reopened: 'қайта ашылды',
    redirected: 'қайта бағытталды',
  },
  incident: {
    opened: 'оқиға тіркелді',
    updated: 'оқиға жаңартылды',
    resolved: 'оқиға шешілді',
  },
  priority: {
    low: 'төмен',
    normal: 'қалыпты',
    high: 'жоғары',
    emergency: 'апаттық',
  },
  severity: {
    minor: 'елеусіз',
    major: 'елеулі',
    critical: 'сыни',
  },
  incompatible: {
    title: 'Панельдің бұл нұсқасы ескірді',
    body: 'Сервер жаңартылды. Бетті қайта жүктеңіз.',
    reload: 'Қайта жүктеу',
  },
  notFound: {
    title: 'Бет табылмады',
    back: 'Ахуалдық орталық экранына өту',
  },
};
