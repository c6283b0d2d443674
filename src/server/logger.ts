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

/** The shortest number masking looks for is an 11-digit mobile number: a line with fewer digits needs no pass. */
const fewestMaskableDigits = 11;

function mayHoldNumbers(line: string): boolean {
  let digits = 0;
  for (let index = 0; index < line.length; index += 1) {
    const code = line.charCodeAt(index);
    if ((code >= 48 && code <= 57) || (code >= 0xff10 && code <= 0xff19)) {
      digits += 1;
      if (digits >= fewestMaskableDigits) return true;
    }
  }
  return false;
}

/**
 * One JSON object per line (structured logs), with every ID and phone number masked wherever it sits in the line.
 * `write` is stdout in production and a collector in tests and benches.
 */
export function createLogger(options: { level: LogLevel; write?: (line: string) => void; now?: () => Date }): Logger {
  const threshold = severity[options.level];
  const write = options.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  const now = options.now ?? (() => new Date());
  const log = (level: Exclude<LogLevel, 'silent'>, message: string, fields: LogFields = {}): void => {
    if (severity[level] < threshold) return;
    const record: Record<string, unknown> = { level, message };
    for (const [key, value] of Object.entries(fields)) record[key] = plain(value);
    const line = JSON.stringify(record);
    // The time is added after masking: its own digits are not a number anyone typed.
    write(`{"time":"${now().toISOString()}",${(mayHoldNumbers(line) ? maskSensitiveText(line) : line).slice(1)}`);
  };
  return {
    debug: (message, fields) => log('debug', message, fields),
    info: (message, fields) => log('info', message, fields),
    warn: (message, fields) => log('warn', message, fields),
    error: (message, fields) => log('error', message, fields),
  };
}
