import type { Logger } from '../../logger';

export interface ProgressFigures {
  fraction: number;
  appeals: number;
  events: number;
}

export interface ProgressReporter {
  update(figures: ProgressFigures): void;
  finish(figures: ProgressFigures): void;
}

const BAR_WIDTH = 30;
/** Redraw the terminal line at most this often. */
const REDRAW_MS = 200;
const count = (n: number): string => n.toLocaleString('en-US');

/**
 * The history's progress: one redrawn line on a terminal, or a log line per 10 % when the
 * output is a file or a pipe (a log collector must not get a carriage-return animation).
 */
export function createProgressReporter(options: { out: NodeJS.WriteStream | null; logger: Logger }): ProgressReporter {
  const { out, logger } = options;
  const isTty = out?.isTTY === true;
  let lastDrawAt = 0;
  let lastDecile = 0;
  const line = (f: ProgressFigures): string => {
    const filled = Math.round(f.fraction * BAR_WIDTH);
    const pct = String(Math.floor(f.fraction * 100)).padStart(3);
    return `  history [${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${pct}%  ${count(f.appeals)} appeals, ${count(f.events)} events`;
  };
  return {
    update(f) {
      if (isTty && out) {
        const now = Date.now();
        if (now - lastDrawAt < REDRAW_MS) return;
        lastDrawAt = now;
        out.write(`\r${line(f)}`);
        return;
      }
      const decile = Math.floor(f.fraction * 10);
      if (decile > lastDecile && decile < 10) {
        lastDecile = decile;
        logger.info({ percent: decile * 10, appeals: f.appeals, events: f.events }, 'history: progress');
      }
    },
    finish(f) {
      if (isTty && out) out.write(`\r${line(f)}\n`);
    },
  };
}
