import { maskSensitiveText } from '../domain/masking.js';
import type { LogLevel } from '../config/config.js';

export type LogFields = Readonly<Record<string, unknown>>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

const severity: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

/** Errors become plain fields; the stack is kept because it is what an operator needs at 3 a.m. */
function plain(value: unknown): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack };
  return value;
}

/** Every string that reaches a log line has ID and phone numbers masked, whatever field it sits in. */
function masked(_key: string, value: unknown): unknown {
  const shown = plain(value);
  return typeof shown === 'string' ? maskSensitiveText(shown) : shown;
}

/** One JSON object per line (structured logs). `write` is stdout in production and a collector in tests and benches. */
export function createLogger(options: { level: LogLevel; write?: (line: string) => void; now?: () => Date }): Logger {
  const threshold = severity[options.level];
  const write = options.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  const now = options.now ?? (() => new Date());
  const log = (level: Exclude<LogLevel, 'silent'>, message: string, fields: LogFields = {}): void => {
    if (severity[level] < threshold) return;
    write(JSON.stringify({ time: now().toISOString(), level, message, ...fields }, masked));
  };
  return {
    debug: (message, fields) => log('debug', message, fields),
    info: (message, fields) => log('info', message, fields),
    warn: (message, fields) => log('warn', message, fields),
    error: (message, fields) => log('error', message, fields),
  };
}
