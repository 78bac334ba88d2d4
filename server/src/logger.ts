import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * JSON log lines on stdout. pino escapes every value as JSON, so a newline inside a
 * field can never forge a second log line.
 */
export function createLogger(level: string = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({ level, base: { app: 'ortalyq' }, timestamp: pino.stdTimeFunctions.isoTime });
}

/** A logger that drops everything, for tests. */
export function createSilentLogger(): Logger {
  return pino({ level: 'silent' });
}
