import type { wallLawRu } from './wallLawRu';

/** Kazakh labels of the wall's two clocks (terms from shared/glossary.md). */
export const wallLawKk: typeof wallLawRu = {
  wallLaw: {
    overdueTarget: 'Мерзімі өткен (норматив)',
    legalOverdue: 'Мерзімі өткен (заң бойынша)',
    solvedPositively: 'Оң шешілді',
    registeredToday: 'Бүгін тіркелді',
    medianResponse: 'Әрекет ету медианасы',
  },
  wallTicker: {
    assigned: 'қызметке жіберілді',
    escalated: 'басымдық артты',
    restored: 'мұрағаттан алынды',
    extended: 'мерзімі ұзартылды',
  },
};
