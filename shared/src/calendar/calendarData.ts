import type { CalendarYear } from './calendarYear';
import { defineCalendarYear } from './holidayRules';

/**
 * The built-in years. The fixed holidays and their weekend moves follow from the law
 * (`holidayRules.ts`, `workingCalendar.ts`); what each year adds is the date of Kurban ait
 * and the transfers ordered under Labour Code art. 85 p. 3. Sources and what is not yet
 * confirmed: docs/legal-deadlines.md. A later year, or a correction, arrives as data
 * through `addCalendarYear` without a release.
 */
export const BUILT_IN_CALENDAR_YEARS: readonly CalendarYear[] = [
  defineCalendarYear({
    year: 2024,
    kurbanAit: '2024-06-16',
    // Labour ministry order of 17 April 2024 "On the transfer of a day of rest in 2024":
    // Saturday 4 May worked, Wednesday 8 May off (7–9 May off in a row).
    transfers: [
      { date: '2024-05-04', kind: 'working' },
      { date: '2024-05-08', kind: 'day_off' },
    ],
    verified: { holidays: true, transfers: true },
    source:
      'Law "On holidays" (fixed dates); egov.kz list of 2024 days off as reported by the press (Nauryz 21, 22, 25 March; 8 July; Kurban ait 16 June without move); labour ministry order of 17.04.2024 (4 May → 8 May), reported by Sputnik Kazakhstan and NUR.KZ on 18.04.2024.',
  }),
  defineCalendarYear({
    year: 2025,
    kurbanAit: '2025-06-06',
    // Labour ministry order for New Year 2025: Sunday 5 January worked, Friday 3 January
    // off (1–4 January off). The ministry said in May 2025 that 8 May was not moved.
    transfers: [
      { date: '2025-01-03', kind: 'day_off' },
      { date: '2025-01-05', kind: 'working' },
    ],
    verified: { holidays: true, transfers: true },
    source:
      'Law "On holidays" (fixed dates); labour ministry order on New Year 2025 (5 January → 3 January), reported by the ministry press service and Informburo.kz, whose May 2025 answer from the ministry confirms no May transfer; weekend moves (10 March, 24–25 March, 7 July, 1 September, 27 October) as reported by the press.',
  }),
  defineCalendarYear({
    year: 2026,
    kurbanAit: '2026-05-27',
    // No transfer is known. January to March 2026 were checked (press reports of the
    // ministry's production calendar: 1–4 January, 7 January, 7–9 March, 21–25 March off);
    // whether an order moved a day later in the year was not, hence `transfers: false`.
    transfers: [],
    verified: { holidays: true, transfers: false },
    source:
      'Law "On holidays" (fixed dates); labour ministry production calendar for 2026 as reported by Kazpravda, inform.kz and others (no transfer in January–March; Nauryz off 21–25 March); Kurban ait 27 May from the Spiritual Administration of Muslims as given in issue 17. Transfers after March not verified.',
  }),
  defineCalendarYear({
    year: 2027,
    // Eid al-Adha falls around 16 May 2027; the Spiritual Administration announces the
    // exact day in the year itself. Provisional until then.
    kurbanAit: '2027-05-16',
    transfers: [],
    verified: { holidays: false, transfers: false },
    source:
      'Law "On holidays" (fixed dates). Kurban ait 16 May 2027 is an astronomical estimate (provisional); transfers for 2027 not yet ordered or not known.',
  }),
];
