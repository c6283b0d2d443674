import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { defaultReviewDelayMs } from '../backend-stub/defaultReviewDelay.js';
import { parseAgentHours, type AgentHours } from '../domain/agentHours.js';

/**
 * The server's settings, parsed once from the environment. A wrong value stops the start with a message that
 * names the variable and what is wrong, so an operator never runs with a half-understood setting.
 * These messages are for operators at start-up, before any content (and so any prompts/ wording) is loaded.
 */

const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Secrets are never echoed back in problems. */
const secretVariables = new Set(['SESSION_SECRET', 'BACKEND_SECRET', 'OPENAI_API_KEY', 'DATA_KEY', 'DATA_KEY_PREVIOUS', 'DATABASE_URL']);

function shown(variable: string, value: string): string {
  return secretVariables.has(variable) ? '（已隐藏）' : `"${value}"`;
}

function integer(variable: string, fallback: number, min: number, max: number) {
  return z
    .string()
    .optional()
    .transform((value, context) => {
      if (value === undefined || value.trim() === '') return fallback;
      const number = Number(value.trim());
      if (!Number.isInteger(number) || number < min || number > max) {
        context.addIssue({ code: 'custom', message: `应为 ${min} 到 ${max} 之间的整数，收到 ${shown(variable, value)}` });
        return z.NEVER;
      }
      return number;
    });
}

function text(fallback: string) {
  return z
    .string()
    .optional()
    .transform((value) => (value === undefined || value.trim() === '' ? fallback : value.trim()));
}

function optionalText() {
  return z
    .string()
    .optional()
    .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));
}

function agentHours(fallback: string) {
  return z
    .string()
    .optional()
    .transform((value, context): AgentHours => {
      const reading = parseAgentHours(value === undefined || value.trim() === '' ? fallback : value.trim());
      if (!reading.ok) {
        context.addIssue({ code: 'custom', message: reading.problem });
        return z.NEVER;
      }
      return reading.hours;
    });
}

function oneOf<const Values extends readonly [string, ...string[]]>(variable: string, values: Values, fallback: Values[number]) {
  return z
    .string()
    .optional()
    .transform((value, context): Values[number] => {
      if (value === undefined || value.trim() === '') return fallback;
      const normalized = value.trim().toLowerCase();
      const match = values.find((candidate) => candidate === normalized);
      if (match === undefined) {
        context.addIssue({ code: 'custom', message: `应为 ${values.join(' / ')} 之一，收到 ${shown(variable, value)}` });
        return z.NEVER;
      }
      return match;
    });
}

function flag(variable: string, fallback: boolean) {
  return z
    .string()
    .optional()
    .transform((value, context) => {
      if (value === undefined || value.trim() === '') return fallback;
      const normalized = value.trim().toLowerCase();
      if (['true', '1', 'yes', 'on'].includes(normalized)) return true;
      if (['false', '0', 'no', 'off'].includes(normalized)) return false;
      context.addIssue({ code: 'custom', message: `应为 true 或 false，收到 ${shown(variable, value)}` });
      return z.NEVER;
    });
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

function optionalUrl(variable: string) {
  return z
    .string()
    .optional()
    .transform((value, context) => {
      if (value === undefined || value.trim() === '') return undefined;
      if (!isHttpUrl(value.trim())) {
        context.addIssue({ code: 'custom', message: `应为 http:// 或 https:// 开头的网址，收到 ${shown(variable, value)}` });
        return z.NEVER;
      }
      return value.trim().replace(/\/+$/, '');
    });
}

/** Browser origins exactly as browsers send them: scheme, host and port, nothing after. */
const corsOrigins = z
  .string()
  .optional()
  .transform((value, context) => {
    if (value === undefined || value.trim() === '') return [];
    const origins = value
      .split(',')
      .map((origin) => origin.trim())
      .filter((origin) => origin !== '');
    const invalid = origins.filter((origin) => !isHttpUrl(origin) || new URL(origin).origin !== origin);
    if (invalid.length > 0) {
      context.addIssue({
        code: 'custom',
        message: `应为逗号分隔的来源，形如 https://www.example.gov.cn（不带路径和结尾斜杠），这些不对：${invalid.map((origin) => `"${origin}"`).join('、')}`,
      });
      return z.NEVER;
    }
    return origins;
  });

function secret() {
  return z
    .string()
    .optional()
    .transform((value, context) => {
      if (value === undefined || value === '') return undefined;
      if (value.length < 32) {
        context.addIssue({ code: 'custom', message: `至少需要 32 个字符，当前只有 ${value.length} 个` });
        return z.NEVER;
      }
      return value;
    });
}

const defaultModelUrl = 'https://api.openai.com/v1';
const defaultModel = 'gpt-4o-mini';

/** TRUST_PROXY: how many reverse proxies in front of us append to X-Forwarded-For (`true` is one, `false` none). */
const trustProxy = z
  .string()
  .optional()
  .transform((value, context) => {
    const normalized = value?.trim().toLowerCase() ?? '';
    if (normalized === '' || normalized === 'false' || normalized === '0') return 0;
    if (normalized === 'true') return 1;
    const hops = Number(normalized);
    if (!Number.isInteger(hops) || hops < 1 || hops > 10) {
      context.addIssue({ code: 'custom', message: `应为 false、true 或 1 到 10 之间的代理层数，收到 "${value}"` });
      return z.NEVER;
    }
    return hops;
  });

/** DATA_KEY: 32 random bytes in base64 (e.g. `openssl rand -base64 32`). */
const dataKey = z
  .string()
  .optional()
  .transform((value, context) => {
    if (value === undefined || value.trim() === '') return undefined;
    const bytes = Buffer.from(value.trim(), 'base64');
    if (bytes.length !== 32 || !/^[A-Za-z0-9+/]+={0,2}$/.test(value.trim())) {
      context.addIssue({ code: 'custom', message: `应为 32 个随机字节的 base64（例如 openssl rand -base64 32 的输出），收到的内容解码后是 ${bytes.length} 个字节` });
      return z.NEVER;
    }
    return value.trim();
  });

/** DATA_KEY_PREVIOUS: the keys a rotation is moving away from, comma-separated, each like DATA_KEY. */
const previousDataKeys = z
  .string()
  .optional()
  .transform((value, context) => {
    const keys = (value ?? '').split(',').map((key) => key.trim()).filter((key) => key !== '');
    const wrong = keys.filter((key) => Buffer.from(key, 'base64').length !== 32 || !/^[A-Za-z0-9+/]+={0,2}$/.test(key)).length;
    if (wrong > 0) {
      context.addIssue({ code: 'custom', message: `应为逗号分隔的旧 DATA_KEY（每个都是 32 个随机字节的 base64），其中 ${wrong} 个不对（内容已隐藏）` });
      return z.NEVER;
    }
    return keys;
  });

const databaseUrl = z
  .string()
  .optional()
  .transform((value, context) => {
    if (value === undefined || value.trim() === '') return undefined;
    if (!/^postgres(ql)?:\/\//.test(value.trim())) {
      context.addIssue({ code: 'custom', message: '应为 postgres:// 开头的 PostgreSQL 连接地址（内容已隐藏）' });
      return z.NEVER;
    }
    return value.trim();
  });

/** Several instances on one database must share these: each generating its own would split them. */
const sharedSecretsWithDatabase = ['SESSION_SECRET', 'BACKEND_SECRET', 'DATA_KEY'] as const;

const EnvironmentSchema = z.object({
  PORT: integer('PORT', 3000, 0, 65535),
  HOST: text('127.0.0.1'),
  BACKEND_PORT: integer('BACKEND_PORT', 3001, 0, 65535),
  BACKEND_URL: optionalUrl('BACKEND_URL'),
  BACKEND_HOST: text('127.0.0.1'),
  BACKEND_SECRET: secret(),
  DATA_DIR: text('./data'),
  SESSION_SECRET: secret(),
  DATA_KEY: dataKey,
  DATA_KEY_PREVIOUS: previousDataKeys,
  DATABASE_URL: databaseUrl,
  BACKEND_DATABASE_URL: databaseUrl,
  SESSION_TTL_MINUTES: integer('SESSION_TTL_MINUTES', 30, 1, 7 * 24 * 60),
  FORM_RETENTION_HOURS: integer('FORM_RETENTION_HOURS', 24, 1, 30 * 24),
  CORS_ORIGINS: corsOrigins,
  RATE_LIMIT_PER_MINUTE: integer('RATE_LIMIT_PER_MINUTE', 120, 1, 10_000_000),
  TRUST_PROXY: trustProxy,
  CONNECTIONS_PER_ADDRESS: integer('CONNECTIONS_PER_ADDRESS', 64, 1, 1_000_000),
  SESSION_STORE: oneOf('SESSION_STORE', ['lowdb', 'memory'], 'lowdb'),
  LOG_LEVEL: oneOf('LOG_LEVEL', ['debug', 'info', 'warn', 'error', 'silent'], 'info'),
  START_BACKEND_STUB: flag('START_BACKEND_STUB', true),
  BACKEND_REVIEW_DELAY_MS: integer('BACKEND_REVIEW_DELAY_MS', defaultReviewDelayMs, 0, 24 * 60 * 60 * 1000),
  CONTENT_DIR: text(repositoryRoot),
  STAFF_SESSION_IDLE_MINUTES: integer('STAFF_SESSION_IDLE_MINUTES', 30, 1, 24 * 60),
  STAFF_RATE_LIMIT_PER_MINUTE: integer('STAFF_RATE_LIMIT_PER_MINUTE', 300, 1, 1_000_000),
  AUDIT_RETENTION_DAYS: integer('AUDIT_RETENTION_DAYS', 365, 1, 100 * 365),
  OUTBOX_RETENTION_DAYS: integer('OUTBOX_RETENTION_DAYS', 7, 1, 10 * 365),
  EVENTS_RETENTION_DAYS: integer('EVENTS_RETENTION_DAYS', 90, 1, 10 * 365),
  INBOX_RETENTION_DAYS: integer('INBOX_RETENTION_DAYS', 90, 1, 10 * 365),
  AGENT_HOURS: agentHours('Mon-Fri 08:30-17:30'),
  CONTENT_STORE: oneOf('CONTENT_STORE', ['lowdb', 'memory'], 'lowdb'),
  CONTENT_APPROVAL: oneOf('CONTENT_APPROVAL', ['required', 'none'], 'required'),
  CONTENT_SYNC_SECONDS: integer('CONTENT_SYNC_SECONDS', 5, 1, 3600),
  CONTENT_STALE_DAYS: integer('CONTENT_STALE_DAYS', 180, 1, 3650),
  OPENAI_BASE_URL: optionalUrl('OPENAI_BASE_URL'),
  OPENAI_API_KEY: optionalText(),
  OPENAI_MODEL: optionalText(),
});

/** Every environment variable the server reads (the README's configuration table lists each). */
export const environmentVariables: readonly string[] = Object.keys(EnvironmentSchema.shape);

export type LogLevel = z.infer<typeof EnvironmentSchema>['LOG_LEVEL'];

export type Config = {
  port: number;
  host: string;
  backendPort: number;
  backendUrl: string;
  /** Where the stub started beside us listens: loopback unless BACKEND_HOST says otherwise. */
  backendHost: string;
  /** Undefined: a random secret kept in DATA_DIR/backend-secret (see loadBackendSecret), shared with the stub. */
  backendSecret: string | undefined;
  dataDir: string;
  /** Undefined: a random secret kept in DATA_DIR/secret (see loadSessionSecret). */
  sessionSecret: string | undefined;
  /** Seals ID and phone numbers at rest; undefined: a key generated into DATA_DIR (embedded stores only). */
  dataKey: string | undefined;
  /** Keys a rotation is moving away from: they still open what they sealed, nothing new is sealed with them. */
  dataKeyPrevious: string[];
  /** Set: every store on this PostgreSQL database instead of files in DATA_DIR. */
  databaseUrl: string | undefined;
  /** The back-end stub's records (its own schema); default DATABASE_URL; unset with it: files in DATA_DIR. */
  backendDatabaseUrl: string | undefined;
  sessionTtlMinutes: number;
  /** A half-filled form outlives its idle session this long; then its personal data is deleted. */
  formRetentionHours: number;
  corsOrigins: string[];
  rateLimitPerMinute: number;
  /** Reverse proxies whose X-Forwarded-For is believed for the client's address (0: none). */
  trustedProxies: number;
  /** Connections one client address may hold open at once. */
  connectionsPerAddress: number;
  sessionStore: 'lowdb' | 'memory';
  logLevel: LogLevel;
  startBackendStub: boolean;
  /** How long the stub started beside us takes to review an application (0 decides at once). */
  backendReviewDelayMs: number;
  contentDir: string;
  /** Staff are signed out after this much inactivity. */
  staffSessionIdleMinutes: number;
  /** Staff API requests per minute per account (never per address: a call centre shares one). */
  staffRateLimitPerMinute: number;
  auditRetentionDays: number;
  /** A filed or refused application is kept in the outbox this long after it settled, then deleted with its personal data. */
  outboxRetentionDays: number;
  /** Conversation events (docs/events.md) are kept this long. */
  eventsRetentionDays: number;
  /** Questions not answered confidently stay in the editors' inbox this long. */
  inboxRetentionDays: number;
  /** When people asking for an agent are queued (Asia/Shanghai); outside them they get the hotline and a callback. */
  agentHours: AgentHours;
  /** Where content versions live: DATA_DIR/content.json (lowdb) or this process's memory. */
  contentStore: 'lowdb' | 'memory';
  /** `required`: a second person with the approver role approves every draft before it is published. */
  contentApproval: 'required' | 'none';
  /** How often a server looks for a version published by another process or scheduled and now due. */
  contentSyncSeconds: number;
  /** content:check (and the editor console) warn about region sources verified longer ago than this. */
  contentStaleDays: number;
  openai: { baseUrl: string; apiKey: string; model: string } | undefined;
};

export type ConfigProblem = { variable: string; message: string };

export function parseConfig(environment: Record<string, string | undefined>): { ok: true; value: Config } | { ok: false; problems: ConfigProblem[] } {
  const parsed = EnvironmentSchema.safeParse(environment);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => ({ variable: String(issue.path[0] ?? ''), message: issue.message })),
    };
  }
  const values = parsed.data;
  if (values.OPENAI_API_KEY === undefined && (values.OPENAI_BASE_URL !== undefined || values.OPENAI_MODEL !== undefined)) {
    return { ok: false, problems: [{ variable: 'OPENAI_API_KEY', message: '设置了 OPENAI_BASE_URL 或 OPENAI_MODEL，却没有设置 OPENAI_API_KEY' }] };
  }
  if (values.DATABASE_URL !== undefined) {
    const missing = sharedSecretsWithDatabase.filter((variable) => values[variable] === undefined);
    if (missing.length > 0) {
      return {
        ok: false,
        problems: missing.map((variable) => ({ variable, message: '必须设置：使用 DATABASE_URL 时，所有实例必须共用同一个值，不能各自生成' })),
      };
    }
  }
  return {
    ok: true,
    value: {
      port: values.PORT,
      host: values.HOST,
      backendPort: values.BACKEND_PORT,
      backendUrl: values.BACKEND_URL ?? `http://127.0.0.1:${values.BACKEND_PORT}`,
      backendHost: values.BACKEND_HOST,
      backendSecret: values.BACKEND_SECRET,
      dataDir: values.DATA_DIR,
      sessionSecret: values.SESSION_SECRET,
      dataKey: values.DATA_KEY,
      dataKeyPrevious: values.DATA_KEY_PREVIOUS,
      databaseUrl: values.DATABASE_URL,
      backendDatabaseUrl: values.BACKEND_DATABASE_URL ?? values.DATABASE_URL,
      sessionTtlMinutes: values.SESSION_TTL_MINUTES,
      formRetentionHours: values.FORM_RETENTION_HOURS,
      corsOrigins: values.CORS_ORIGINS,
      rateLimitPerMinute: values.RATE_LIMIT_PER_MINUTE,
      connectionsPerAddress: values.CONNECTIONS_PER_ADDRESS,
      trustedProxies: values.TRUST_PROXY,
      sessionStore: values.SESSION_STORE,
      logLevel: values.LOG_LEVEL,
      startBackendStub: values.START_BACKEND_STUB,
      backendReviewDelayMs: values.BACKEND_REVIEW_DELAY_MS,
      contentDir: values.CONTENT_DIR,
      staffSessionIdleMinutes: values.STAFF_SESSION_IDLE_MINUTES,
      staffRateLimitPerMinute: values.STAFF_RATE_LIMIT_PER_MINUTE,
      auditRetentionDays: values.AUDIT_RETENTION_DAYS,
      outboxRetentionDays: values.OUTBOX_RETENTION_DAYS,
      eventsRetentionDays: values.EVENTS_RETENTION_DAYS,
      inboxRetentionDays: values.INBOX_RETENTION_DAYS,
      agentHours: values.AGENT_HOURS,
      contentStore: values.CONTENT_STORE,
      contentApproval: values.CONTENT_APPROVAL,
      contentSyncSeconds: values.CONTENT_SYNC_SECONDS,
      contentStaleDays: values.CONTENT_STALE_DAYS,
      openai:
        values.OPENAI_API_KEY === undefined
          ? undefined
          : { baseUrl: values.OPENAI_BASE_URL ?? defaultModelUrl, apiKey: values.OPENAI_API_KEY, model: values.OPENAI_MODEL ?? defaultModel },
    },
  };
}

export function formatConfigProblems(problems: ConfigProblem[]): string {
  return problems.map((problem) => `配置错误：环境变量 ${problem.variable} ${problem.message}`).join('\n');
}
