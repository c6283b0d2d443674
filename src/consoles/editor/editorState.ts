import { computed, signal } from '@preact/signals';
import { api } from './api.js';
import { t } from './words.js';

export type Problem = { file: string; path: string; message: string };
export type Actor = { id: string; login: string };
export type VersionSummary = {
  number: number;
  status: 'draft' | 'submitted' | 'approved' | 'published' | 'retired' | 'discarded';
  origin: 'repository' | 'editor' | 'rollback';
  basedOn: number | null;
  author: Actor;
  editors: Actor[];
  message: string;
  createdAt: string;
  updatedAt: string;
  approver: Actor | null;
  approvedAt: string | null;
  publishAt: string | null;
  publishedAt: string | null;
  rollbackOf: number | null;
  returnNote: string | null;
};
export type Notice =
  | { kind: 'seeded'; version: number }
  | { kind: 'repository-draft'; version: number; problems: Problem[] }
  | { kind: 'repository-broken'; served: number; problems: Problem[] }
  | { kind: 'published-invalid-repository-published'; version: number; problems: Problem[] };
export type VersionFile = { path: string; text: string; kind: string | null };
export type DiffFile = { path: string; change: 'added' | 'removed' | 'changed'; hunks: { oldStart: number; newStart: number; lines: string[] }[] };
export type PreviewLine = { from: 'user' | 'bot'; text: string };
export type TestFailure = { file: string; name: string; failures: { turn: number; user: string; message: string }[] };

export const versions = signal<VersionSummary[]>([]);
export const liveNumber = signal<number | null>(null);
export const approval = signal<'required' | 'none'>('required');
export const notices = signal<Notice[]>([]);

export const selected = signal<{ version: VersionSummary; files: VersionFile[] } | null>(null);
export const selectedPath = signal<string | null>(null);
/** Unsaved edits of the selected version, by path. */
export const edits = signal<Record<string, string>>({});
export const problems = signal<Problem[]>([]);
export const checking = signal(false);
export const message = signal<{ kind: 'info' | 'error'; text: string } | null>(null);
export const diff = signal<{ against: number | null; files: DiffFile[] } | null>(null);
export const search = signal('');

export const preview = signal<{ previewId: string | null; lines: PreviewLine[] }>({ previewId: null, lines: [] });
export const previewRegion = signal('');
export const tests = signal<{ running: boolean; passed?: number; total?: number; failed?: TestFailure[] }>({ running: false });

export const isDraft = computed(() => selected.value?.version.status === 'draft');
export const dirty = computed(() => Object.keys(edits.value).length > 0);

/** The selected version's files with unsaved edits laid over them. */
export function textOf(path: string): string {
  return edits.value[path] ?? selected.value?.files.find((file) => file.path === path)?.text ?? '';
}

/** The unsaved edits, as the API takes them (laid over the version's files). */
export function editedFiles(): { path: string; text: string }[] {
  return Object.entries(edits.value).map(([path, text]) => ({ path, text }));
}

export function show(kind: 'info' | 'error', text: string): void {
  message.value = { kind, text };
}

export async function loadVersions(): Promise<void> {
  const answer = await api<{ versions: VersionSummary[]; published: number | null; live: number; approval: 'required' | 'none'; notices: Notice[] }>('GET', '/api/v1/editor/versions');
  if (!answer.ok) return show('error', t('editor.ui.error', { message: answer.message }));
  versions.value = answer.body.versions;
  liveNumber.value = answer.body.published;
  approval.value = answer.body.approval;
  notices.value = answer.body.notices;
}

export async function openVersion(number: number, keepPath = false): Promise<void> {
  const answer = await api<{ version: VersionSummary; files: VersionFile[]; problems: Problem[] }>('GET', `/api/v1/editor/versions/${number}`);
  if (!answer.ok) return show('error', answer.message);
  selected.value = { version: answer.body.version, files: answer.body.files };
  problems.value = answer.body.problems;
  edits.value = {};
  preview.value = { previewId: null, lines: [] };
  tests.value = { running: false };
  if (!keepPath || !answer.body.files.some((file) => file.path === selectedPath.value)) selectedPath.value = null;
  void loadDiff(number);
}

async function loadDiff(number: number): Promise<void> {
  const answer = await api<{ against: number | null; files: DiffFile[] }>('GET', `/api/v1/editor/versions/${number}/diff`);
  diff.value = answer.ok ? answer.body : null;
}

let checkTimer: ReturnType<typeof setTimeout> | undefined;

/** An edit in the code editor: kept as unsaved, and the whole draft checked again shortly after typing stops. */
export function edit(path: string, text: string): void {
  edits.value = { ...edits.value, [path]: text };
  clearTimeout(checkTimer);
  checkTimer = setTimeout(() => void check(), 350);
}

export async function check(): Promise<void> {
  const version = selected.value?.version;
  if (version === undefined) return;
  checking.value = true;
  const answer = await api<{ ok: boolean; problems: Problem[] }>('POST', `/api/v1/editor/versions/${version.number}/check`, { files: editedFiles() });
  checking.value = false;
  if (answer.ok) problems.value = answer.body.problems;
}

export async function createDraft(): Promise<void> {
  const answer = await api<{ version: VersionSummary }>('POST', '/api/v1/editor/drafts', {});
  if (!answer.ok) return show('error', answer.message);
  await loadVersions();
  await openVersion(answer.body.version.number);
}

/** Saves every unsaved file of the draft; false when one was refused. */
export async function save(): Promise<boolean> {
  const version = selected.value?.version;
  if (version === undefined) return false;
  for (const file of editedFiles()) {
    const answer = await api('PUT', `/api/v1/editor/versions/${version.number}/files`, file);
    if (!answer.ok) {
      show('error', answer.message);
      return false;
    }
    selected.value = { version: selected.value!.version, files: selected.value!.files.map((existing) => (existing.path === file.path ? { ...existing, text: file.text } : existing)) };
    const { [file.path]: _saved, ...rest } = edits.value;
    edits.value = rest;
  }
  show('info', t('editor.ui.saved'));
  void loadDiff(version.number);
  return true;
}

/** After an action: the list and the version again, and what happened in a line. */
async function afterAction(answer: Awaited<ReturnType<typeof api<{ version: VersionSummary; published: number }>>>, success: (version: VersionSummary, published: number) => string): Promise<void> {
  if (!answer.ok) {
    if (Array.isArray(answer.body['problems'])) problems.value = answer.body['problems'] as Problem[];
    return show('error', answer.message);
  }
  await loadVersions();
  await openVersion(answer.body.version.number, true);
  show('info', success(answer.body.version, answer.body.published));
}

export async function submit(note: string): Promise<void> {
  const version = selected.value?.version;
  if (version === undefined || !(await save())) return;
  const answer = await api<{ version: VersionSummary; published: number }>('POST', `/api/v1/editor/versions/${version.number}/submit`, { message: note });
  await afterAction(answer, (changed, published) => (changed.status === 'published' ? t('editor.ui.published', { number: published }) : t('editor.ui.submitted')));
}

export async function approve(publishAt: string): Promise<void> {
  const version = selected.value?.version;
  if (version === undefined) return;
  const when = publishAt === '' ? null : new Date(publishAt).toISOString();
  const answer = await api<{ version: VersionSummary; published: number }>('POST', `/api/v1/editor/versions/${version.number}/approve`, { publishAt: when });
  await afterAction(answer, (changed, published) =>
    changed.status === 'published' ? t('editor.ui.published', { number: published }) : t('editor.ui.scheduled', { time: new Date(changed.publishAt ?? '').toLocaleString('zh-CN') }),
  );
}

export async function returnToDraft(note: string): Promise<void> {
  const version = selected.value?.version;
  if (version === undefined) return;
  const answer = await api<{ version: VersionSummary; published: number }>('POST', `/api/v1/editor/versions/${version.number}/return`, { note });
  await afterAction(answer, (changed) => t('editor.ui.returned', { note: changed.returnNote ?? '' }));
}

export async function discard(): Promise<void> {
  const version = selected.value?.version;
  if (version === undefined) return;
  const answer = await api<{ version: VersionSummary; published: number }>('POST', `/api/v1/editor/versions/${version.number}/discard`);
  await afterAction(answer, (changed) => t(`editor.status.${changed.status}`));
}

export async function rollback(to: number): Promise<void> {
  const answer = await api<{ version: VersionSummary; published: number }>('POST', '/api/v1/editor/rollback', { to, message: '' });
  await afterAction(answer, (_changed, published) => t('editor.ui.rollback.done', { number: published }));
}

export async function sendPreview(text: string): Promise<void> {
  const version = selected.value?.version;
  if (version === undefined || text.trim() === '') return;
  const current = preview.value;
  preview.value = { ...current, lines: [...current.lines, { from: 'user', text }] };
  const answer = await api<{ previewId: string; replies: { text: string }[] }>('POST', `/api/v1/editor/versions/${version.number}/preview`, {
    files: editedFiles(),
    text,
    ...(current.previewId === null ? {} : { previewId: current.previewId }),
    ...(previewRegion.value === '' ? {} : { region: previewRegion.value }),
  });
  if (!answer.ok) {
    if (Array.isArray(answer.body['problems'])) problems.value = answer.body['problems'] as Problem[];
    preview.value = { ...preview.value, lines: [...preview.value.lines, { from: 'bot', text: answer.message }] };
    return;
  }
  preview.value = { previewId: answer.body.previewId, lines: [...preview.value.lines, ...answer.body.replies.map((reply) => ({ from: 'bot' as const, text: reply.text }))] };
}

export function restartPreview(): void {
  preview.value = { previewId: null, lines: [] };
}

export async function runTests(): Promise<void> {
  const version = selected.value?.version;
  if (version === undefined) return;
  tests.value = { running: true };
  const answer = await api<{ passed: number; total: number; failed: TestFailure[] }>('POST', `/api/v1/editor/versions/${version.number}/tests`, { files: editedFiles() });
  if (!answer.ok) {
    tests.value = { running: false };
    return show('error', answer.message);
  }
  tests.value = { running: false, ...answer.body };
}
