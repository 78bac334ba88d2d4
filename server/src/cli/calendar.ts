import { appendCalendarYear, readAddedYears } from './calendarYearsStore';
import { runRedisCli } from './redisCli';
import { runCalendarCommand } from './runCalendarCommand';

/**
 * `npm run calendar -- list|show <year>|add <year.json>`: the working-day calendar's years in
 * the Redis at REDIS_URL (the one the server uses). An added year is audited.
 */
runRedisCli(({ log, argv, audit, readUtf8File }) =>
  runCalendarCommand(argv, {
    addedYears: () => readAddedYears(log),
    appendYear: (year) => appendCalendarYear(log, year, new Date()),
    readFile: (path) => readUtf8File(path),
    audit,
  }),
);
