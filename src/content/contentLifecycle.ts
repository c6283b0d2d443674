import { createHash } from 'node:crypto';
import type { Clock } from '../ports/clock.js';
import type { ContentActor, ContentRecord, ContentStore, ContentVersion } from '../ports/contentStore.js';
import type { ContentFile, ContentProblem, checkContent } from './checkContent.js';
import type { Content } from './schema.js';

export type ContentCheck = (files: ContentFile[]) => ReturnType<typeof checkContent>;
export type ApprovalMode = 'required' | 'none';

/** Why an action on a version was refused: an expected outcome, shown to the editor in the console's words. */
export type LifecycleRefusal =
  | { code: 'not_found' }
  | { code: 'wrong_status'; status: ContentVersion['status'] }
  | { code: 'invalid'; problems: ContentProblem[] }
  | { code: 'own_change' }
  | { code: 'unknown_file' }
  | { code: 'not_published_before' };
export type LifecycleOutcome<Value> = { ok: true; value: Value } | ({ ok: false } & LifecycleRefusal);

/** What the start found, for the log and the console's notice. */
export type StartNotice =
  | { kind: 'seeded'; version: number }
  | { kind: 'repository-draft'; version: number; problems: ContentProblem[] }
  | { kind: 'repository-broken'; served: number; problems: ContentProblem[] }
  | { kind: 'published-invalid-repository-published'; version: number; problems: ContentProblem[] };

export type PublishedContent = { version: ContentVersion; content: Content };

/** Thrown at start when there is no version to serve: no valid published content and no valid files either. */
export class NoServableContentError extends Error {
  constructor(readonly problems: ContentProblem[]) {
    super('no valid content to serve');
    this.name = 'NoServableContentError';
  }
}

const repository: ContentActor = { id: 'repository', login: 'repository' };

export function hashText(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 32);
}

/**
 * The hashes of files read from a version, which names each file's text by its hash already: a preview turn
 * fingerprints the whole content to find its built engine, and hashing every file's text again cost more than the
 * turn itself.
 */
const storedHashes = new WeakMap<ContentFile, string>();

/** One fingerprint of a whole set of files, whatever their order. */
export function hashFiles(files: readonly ContentFile[]): string {
  return hashText([...files].sort((left, right) => (left.path < right.path ? -1 : 1)).map((file) => `${file.path}\u0000${storedHashes.get(file) ?? hashText(file.text)}`).join('\n'));
}

export function filesOf(record: ContentRecord, version: ContentVersion): ContentFile[] {
  return Object.entries(version.files)
    .map(([path, hash]) => {
      const text = record.blobs[hash];
      if (text === undefined) return { path, text: '' };
      const file = { path, text };
      storedHashes.set(file, hash);
      return file;
    })
    .sort((left, right) => (left.path < right.path ? -1 : 1));
}

/** Blobs no version refers to any more (a draft's earlier edits) are dropped on every change. */
function withoutUnusedBlobs(record: ContentRecord): ContentRecord {
  const used = new Set(record.versions.flatMap((version) => Object.values(version.files)));
  return { ...record, blobs: Object.fromEntries(Object.entries(record.blobs).filter(([hash]) => used.has(hash))) };
}

function storeFiles(record: ContentRecord, files: readonly ContentFile[]): { blobs: ContentRecord['blobs']; files: ContentVersion['files'] } {
  const blobs = { ...record.blobs };
  const map: ContentVersion['files'] = {};
  for (const file of files) {
    const hash = hashText(file.text);
    blobs[hash] = file.text;
    map[file.path] = hash;
  }
  return { blobs, files: map };
}

/**
 * Content versions: drafts, live checks, approval by a second person, scheduled publishing, rollback, and the
 * repository files taken in at start. Everything is a change of the stored record; which version is live is the
 * record's `published`, so every server process sharing the store serves the same one.
 */
export function createContentLifecycle(options: { store: ContentStore; clock: Clock; check: ContentCheck; approval: ApprovalMode }) {
  const { store, clock, check } = options;
  const now = () => clock.now().toISOString();

  const newVersion = (record: ContentRecord, fields: Partial<ContentVersion> & Pick<ContentVersion, 'origin' | 'author' | 'files'>): ContentVersion => ({
    number: Math.max(0, ...record.versions.map((version) => version.number)) + 1,
    status: 'draft',
    basedOn: record.published,
    editors: [fields.author],
    message: '',
    createdAt: now(),
    updatedAt: now(),
    submittedAt: null,
    approver: null,
    approvedAt: null,
    publishAt: null,
    publishedAt: null,
    rollbackOf: null,
    returnNote: null,
    ...fields,
  });

  /** Makes `number` the live version (the previous one retires). */
  const publishIn = (record: ContentRecord, number: number): ContentRecord => ({
    ...record,
    published: number,
    versions: record.versions.map((version) => {
      if (version.number === number) return { ...version, status: 'published', publishedAt: now(), updatedAt: now() };
      if (version.status === 'published') return { ...version, status: 'retired', updatedAt: now() };
      return version;
    }),
  });

  const replace = (record: ContentRecord, changed: ContentVersion): ContentRecord => ({
    ...record,
    versions: record.versions.map((version) => (version.number === changed.number ? changed : version)),
  });

  /** A change of one version, refused unless it exists and is in one of `statuses`. */
  function changeVersion<Value>(
    number: number,
    statuses: readonly ContentVersion['status'][],
    change: (record: ContentRecord, version: ContentVersion) => LifecycleOutcome<{ record: ContentRecord; value: Value }>,
  ): Promise<LifecycleOutcome<Value>> {
    return store.update<LifecycleOutcome<Value>>((record) => {
      const version = record.versions.find((candidate) => candidate.number === number);
      if (version === undefined) return { record, result: { ok: false, code: 'not_found' } };
      if (!statuses.includes(version.status)) return { record, result: { ok: false, code: 'wrong_status', status: version.status } };
      const outcome = change(record, version);
      if (!outcome.ok) return { record, result: outcome };
      return { record: withoutUnusedBlobs(outcome.value.record), result: { ok: true, value: outcome.value.value } };
    });
  }

  return {
    approval: options.approval,

    /**
     * At start: the first time, the repository files become version 1, published. Later, files that differ from
     * those last taken in arrive as a draft waiting for approval — published content is never overwritten at
     * start. Broken files never take the service down while a published version passes the checks: it is served
     * and the problem reported. Only when the published version itself no longer passes this code's checks (the
     * code now needs a message it lacks) and the files do, the files are published, since nothing else can run.
     */
    async start(repositoryFiles: ContentFile[]): Promise<{ published: PublishedContent; notices: StartNotice[] }> {
      // Checking parses every file (most of a start's time): the same files, usually both the repository's and the
      // published version's, are checked once.
      const checked = new Map<string, ReturnType<typeof check>>();
      const checkOnce = (files: ContentFile[]): ReturnType<typeof check> => {
        const hash = hashFiles(files);
        const known = checked.get(hash);
        if (known !== undefined) return known;
        const result = check(files);
        checked.set(hash, result);
        return result;
      };
      const repositoryHash = hashFiles(repositoryFiles);
      const fromRepository = checkOnce(repositoryFiles);
      return store.update((record) => {
        const notices: StartNotice[] = [];
        let next = record;
        const current = next.versions.find((version) => version.number === next.published);
        const currentCheck = current === undefined ? null : checkOnce(filesOf(next, current));
        if (current === undefined || !currentCheck?.ok) {
          if (!fromRepository.ok) throw new NoServableContentError(currentCheck?.ok === false ? [...currentCheck.problems, ...fromRepository.problems] : fromRepository.problems);
          const stored = storeFiles(next, repositoryFiles);
          const version = newVersion(next, { origin: 'repository', author: repository, files: stored.files, message: current === undefined ? '初始内容（来自仓库文件）' : '已发布版本不再通过检查，改用仓库文件' });
          next = publishIn({ ...next, blobs: stored.blobs, versions: [...next.versions, { ...version, approver: repository, approvedAt: now() }], repositoryHash }, version.number);
          notices.push(current === undefined ? { kind: 'seeded', version: version.number } : { kind: 'published-invalid-repository-published', version: version.number, problems: currentCheck?.ok === false ? currentCheck.problems : [] });
        } else if (repositoryHash !== next.repositoryHash) {
          next = { ...next, repositoryHash };
          // Files exported from the live version and committed are no change at all.
          if (hashFiles(filesOf(next, current)) !== repositoryHash) {
            const stored = storeFiles(next, repositoryFiles);
            const valid = fromRepository.ok;
            const version = newVersion(next, {
              origin: 'repository',
              author: repository,
              files: stored.files,
              message: '仓库文件有改动',
              ...(valid ? { status: 'submitted', submittedAt: now() } : {}),
            });
            next = { ...next, blobs: stored.blobs, versions: [...next.versions, version] };
            notices.push({ kind: 'repository-draft', version: version.number, problems: fromRepository.ok ? [] : fromRepository.problems });
          }
        }
        if (!fromRepository.ok && notices.every((notice) => notice.kind !== 'published-invalid-repository-published')) {
          notices.push({ kind: 'repository-broken', served: next.published ?? 0, problems: fromRepository.problems });
        }
        const live = next.versions.find((version) => version.number === next.published)!;
        const liveCheck = live === current && currentCheck?.ok ? currentCheck : checkOnce(filesOf(next, live));
        if (!liveCheck.ok) throw new NoServableContentError(liveCheck.problems);
        return { record: withoutUnusedBlobs(next), result: { published: { version: live, content: liveCheck.content }, notices } };
      });
    },

    async list(): Promise<{ versions: ContentVersion[]; published: number | null }> {
      const record = await store.read();
      return { versions: [...record.versions].sort((left, right) => right.number - left.number), published: record.published };
    },

    async get(number: number): Promise<{ version: ContentVersion; files: ContentFile[] } | undefined> {
      const record = await store.read();
      const version = record.versions.find((candidate) => candidate.number === number);
      return version === undefined ? undefined : { version, files: filesOf(record, version) };
    },

    async published(): Promise<{ version: ContentVersion; files: ContentFile[] } | undefined> {
      const record = await store.read();
      const version = record.versions.find((candidate) => candidate.number === record.published);
      return version === undefined ? undefined : { version, files: filesOf(record, version) };
    },

    /** A new draft with the content of `basedOn` (the live version by default). */
    createDraft(actor: ContentActor, basedOn?: number): Promise<LifecycleOutcome<ContentVersion>> {
      return store.update<LifecycleOutcome<ContentVersion>>((record) => {
        const base = record.versions.find((version) => version.number === (basedOn ?? record.published));
        if (base === undefined) return { record, result: { ok: false, code: 'not_found' } };
        const version = newVersion(record, { origin: 'editor', author: actor, files: base.files, basedOn: base.number });
        return { record: { ...record, versions: [...record.versions, version] }, result: { ok: true, value: version } };
      });
    },

    /** Writes one file of a draft (a new path adds a file; null text removes it). Checked in full on submit. */
    saveFile(actor: ContentActor, number: number, path: string, text: string | null): Promise<LifecycleOutcome<ContentVersion>> {
      return changeVersion(number, ['draft'], (record, version) => {
        if (!/^(flows|prompts)\/[^\u0000]+\.ya?ml$/.test(path) || path.includes('..')) return { ok: false, code: 'unknown_file' };
        const files = { ...version.files };
        const blobs = { ...record.blobs };
        if (text === null) {
          delete files[path];
        } else {
          const hash = hashText(text);
          blobs[hash] = text;
          files[path] = hash;
        }
        const editors = version.editors.some((editor) => editor.id === actor.id) ? version.editors : [...version.editors, actor];
        const changed: ContentVersion = { ...version, files, editors, updatedAt: now() };
        return { ok: true, value: { record: replace({ ...record, blobs }, changed), value: changed } };
      });
    },

    /** Checks a set of files (a draft with unsaved edits laid over it) exactly as publishing would. */
    check,

    /** Sends a valid draft for approval; with CONTENT_APPROVAL=none it is published at once. */
    submit(actor: ContentActor, number: number, message: string): Promise<LifecycleOutcome<ContentVersion>> {
      return changeVersion(number, ['draft'], (record, version) => {
        const result = check(filesOf(record, version));
        if (!result.ok) return { ok: false, code: 'invalid', problems: result.problems };
        const editors = version.editors.some((editor) => editor.id === actor.id) ? version.editors : [...version.editors, actor];
        const submitted: ContentVersion = { ...version, status: 'submitted', message, editors, submittedAt: now(), updatedAt: now(), returnNote: null };
        if (options.approval === 'none') {
          const next = publishIn(replace(record, submitted), number);
          return { ok: true, value: { record: next, value: next.versions.find((candidate) => candidate.number === number)! } };
        }
        return { ok: true, value: { record: replace(record, submitted), value: submitted } };
      });
    },

    /** An approver sends a submitted version back to draft with a note (or its author takes it back). */
    returnToDraft(actor: ContentActor, number: number, note: string): Promise<LifecycleOutcome<ContentVersion>> {
      return changeVersion(number, ['submitted', 'approved'], (record, version) => {
        const changed: ContentVersion = { ...version, status: 'draft', returnNote: note === '' ? null : `${actor.login}：${note}`, approver: null, approvedAt: null, publishAt: null, updatedAt: now() };
        return { ok: true, value: { record: replace(record, changed), value: changed } };
      });
    },

    /**
     * Approval by someone who did not change the version. Without `publishAt` (or with a time already past) it is
     * published at once; otherwise it waits, and `publishDue` publishes it at that time.
     */
    approve(actor: ContentActor, number: number, publishAt: Date | null): Promise<LifecycleOutcome<ContentVersion>> {
      return changeVersion(number, ['submitted'], (record, version) => {
        if (version.editors.some((editor) => editor.id === actor.id)) return { ok: false, code: 'own_change' };
        const result = check(filesOf(record, version));
        if (!result.ok) return { ok: false, code: 'invalid', problems: result.problems };
        const scheduled = publishAt !== null && publishAt.getTime() > clock.now().getTime();
        const approved: ContentVersion = { ...version, status: 'approved', approver: actor, approvedAt: now(), publishAt: scheduled ? publishAt.toISOString() : null, updatedAt: now() };
        const next = scheduled ? replace(record, approved) : publishIn(replace(record, approved), number);
        return { ok: true, value: { record: next, value: next.versions.find((candidate) => candidate.number === number)! } };
      });
    },

    /** Publishes approved versions whose time has come (the latest wins when several are due); returns it. */
    publishDue(): Promise<ContentVersion | null> {
      return store.update((record) => {
        const due = record.versions
          .filter((version) => version.status === 'approved' && version.publishAt !== null && Date.parse(version.publishAt) <= clock.now().getTime())
          .sort((left, right) => Date.parse(left.publishAt!) - Date.parse(right.publishAt!));
        if (due.length === 0) return { record, result: null };
        let next = record;
        for (const version of due) next = publishIn(next, version.number);
        return { record: next, result: next.versions.find((version) => version.number === next.published)! };
      });
    },

    /** Puts the content of an earlier published version live again, as a new version: one action, in the history. */
    rollback(actor: ContentActor, to: number, message: string): Promise<LifecycleOutcome<ContentVersion>> {
      return store.update<LifecycleOutcome<ContentVersion>>((record) => {
        const target = record.versions.find((version) => version.number === to);
        if (target === undefined) return { record, result: { ok: false, code: 'not_found' } };
        if (target.publishedAt === null) return { record, result: { ok: false, code: 'not_published_before' } };
        const version = newVersion(record, {
          origin: 'rollback',
          author: actor,
          files: target.files,
          rollbackOf: to,
          message: message === '' ? `回滚到版本 ${to}` : message,
          approver: actor,
          approvedAt: now(),
          submittedAt: now(),
        });
        const next = publishIn({ ...record, versions: [...record.versions, version] }, version.number);
        return { record: next, result: { ok: true, value: next.versions.find((candidate) => candidate.number === version.number)! } };
      });
    },

    /** Drops a draft nobody wants (it stays in the list as discarded). */
    discard(number: number): Promise<LifecycleOutcome<ContentVersion>> {
      return changeVersion(number, ['draft', 'submitted', 'approved'], (record, version) => {
        const changed: ContentVersion = { ...version, status: 'discarded', updatedAt: now() };
        return { ok: true, value: { record: replace(record, changed), value: changed } };
      });
    },
  };
}

export type ContentLifecycle = ReturnType<typeof createContentLifecycle>;
