import { mkdir, readFile, unlink } from 'node:fs/promises';
import path from 'node:path';
import { openAppendLog, type LogRecord } from '../adapters/appendLog.js';
import { keepAside } from '../adapters/sealedCopies.js';
import type { Logger } from '../server/logger.js';
import { BackendDataSchema, emptyBackendData, metaOf, type BackendData, type BackendMeta } from './backendData.js';
import type { BackendStore } from './backendStore.js';
import { bindingKey } from './memoryBackendStore.js';
import type { PersonalDataCipher } from '../adapters/personalDataCipher.js';

/** The file the release before the log wrote (one whole lowdb document); imported once, then removed (its records are in the sealed log). */
export const backendDataFileName = 'backend.json';
export const backendLogFileName = 'backend.log';

export type OpenedBackendStore = BackendStore & {
  /** A damaged or unreadable file was kept aside at open: the stub runs on what was recovered. */
  readonly degraded: boolean;
  close(): Promise<void>;
};

/**
 * The stub's records in DATA_DIR/backend.log, the same append-only log as the assistant's stores (the embedded
 * default keeps its name, lowdb, in configuration): a change appends the meta and the records it touched, fsync'ed
 * before it resolves; the file is compacted as it grows. Records: {"m":1} meta, {"a":id} an application,
 * {"b":"<application>/<member ID>"} a binding. A damaged log is copied aside and rewritten from its intact records;
 * a backend.json that is not valid JSON or not our shape is moved aside (backend.json.corrupt-<time>, sealed whole
 * under the data key when there is one: it holds ID and phone numbers); both are
 * logged at error level and make the stub report itself degraded.
 */
export async function openLowdbBackendStore(options: { dataDir: string; now: () => Date; logger: Logger; /** Seals every record: they hold ID and phone numbers. */ cipher?: PersonalDataCipher }): Promise<OpenedBackendStore> {
  await mkdir(options.dataDir, { recursive: true });
  const file = path.join(options.dataDir, backendLogFileName);
  let meta = JSON.stringify(metaOf(emptyBackendData()));
  const applications = new Map<string, string>();
  const bindings = new Map<string, string>();
  let degraded = false;

  const snapshot = function* (): Iterable<LogRecord> {
    yield { header: '{"m":1}', payload: meta };
    for (const [id, text] of applications) yield { header: JSON.stringify({ a: id }), payload: text };
    for (const [key, text] of bindings) yield { header: JSON.stringify({ b: key }), payload: text };
  };
  const opened = await openAppendLog(
    file,
    (headerText, payload) => {
      const header = JSON.parse(headerText) as { m?: 1; a?: string; b?: string };
      if (header.m !== undefined) meta = payload;
      else if (header.a !== undefined) applications.set(header.a, payload);
      else if (header.b !== undefined) bindings.set(header.b, payload);
    },
    snapshot,
    (error) => options.logger.error('backend log compaction failed; the log keeps growing until one succeeds', { file, error }),
    { now: options.now, ...(options.cipher === undefined ? {} : { cipher: options.cipher }) },
  );
  if (opened.keptAs !== undefined) {
    degraded = true;
    options.logger.error('backend log is damaged; a copy was kept aside, running on the intact records', { file, keptAs: opened.keptAs, damagedLines: opened.reading.damagedLines });
  }
  const log = opened.log;
  const commit = (next: { meta: BackendMeta; applications: BackendData['applications']; bindings: BackendData['bindings'] }): Promise<void> => {
    const metaText = JSON.stringify(next.meta);
    const applicationTexts = next.applications.map((application) => [application.id, JSON.stringify(application)] as const);
    const bindingTexts = next.bindings.map((binding) => [bindingKey(binding), JSON.stringify(binding)] as const);
    return log.append(
      [
        ...applicationTexts.map(([id, text]) => ({ header: JSON.stringify({ a: id }), payload: text })),
        ...bindingTexts.map(([key, text]) => ({ header: JSON.stringify({ b: key }), payload: text })),
        { header: '{"m":1}', payload: metaText },
      ],
      () => {
        meta = metaText;
        for (const [id, text] of applicationTexts) applications.set(id, text);
        for (const [key, text] of bindingTexts) bindings.set(key, text);
      },
    );
  };

  const legacy = path.join(options.dataDir, backendDataFileName);
  const imported = await readLegacy(legacy, options);
  if (imported === 'corrupt') degraded = true;
  else if (imported !== undefined) {
    await commit({ meta: metaOf(imported), applications: imported.applications.filter((application) => !applications.has(application.id)), bindings: imported.bindings.filter((binding) => !bindings.has(bindingKey(binding))) });
    // Its records are in the log now, sealed: a plain copy beside it would undo that.
    await unlink(legacy);
    options.logger.info('imported the previous release\'s backend.json', { applications: imported.applications.length, bindings: imported.bindings.length });
  }

  return {
    get degraded() {
      return degraded;
    },
    async read() {
      return {
        ...(JSON.parse(meta) as BackendMeta),
        applications: [...applications.values()].map((text) => JSON.parse(text) as BackendData['applications'][number]),
        bindings: [...bindings.values()].map((text) => JSON.parse(text) as BackendData['bindings'][number]),
      };
    },
    commit,
    close: () => log.close(),
  };
}

/** The previous release's file: its data, 'corrupt' when it was moved aside, undefined when there is none. */
async function readLegacy(file: string, options: { now: () => Date; logger: Logger; cipher?: PersonalDataCipher }): Promise<BackendData | 'corrupt' | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return undefined;
    throw error;
  }
  let problem: string;
  try {
    const parsed = BackendDataSchema.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data;
    problem = parsed.error.issues.slice(0, 3).map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
  } catch (error) {
    problem = `not valid JSON: ${error instanceof Error ? error.message : String(error)}`;
  }
  const aside = await keepAside(file, 'corrupt', options.now(), { cipher: options.cipher, move: true });
  options.logger.error('backend data file is corrupt; moved aside, starting without its records', { file, movedTo: aside, problem });
  return 'corrupt';
}

