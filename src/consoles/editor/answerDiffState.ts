import { signal } from '@preact/signals';
import { api } from './api.js';
import { editedFiles, problems, selected, show, type Problem } from './editorState.js';

export type QuestionOrigin =
  | { kind: 'example'; family: string; label: string; file: string; path: string }
  | { kind: 'faq'; entryId: string }
  | { kind: 'region-mention'; topic: string }
  | { kind: 'asked'; count: number; regions: string[] };
export type AnswerSide = { route: string; topic: string | null; faqId: string | null; text: string };
export type ChangeKind = 'route' | 'topic' | 'entry' | 'answer';
export type QuestionChange = { text: string; origins: QuestionOrigin[]; changes: { regions: (string | null)[]; what: ChangeKind[]; before: AnswerSide; after: AnswerSide }[] };
export type AnswerDiffReport = {
  against: number;
  complete: boolean;
  checked: number;
  total: number;
  regions: string[];
  regionNames: Record<string, string>;
  questions: QuestionChange[];
  budgetMs: number;
  buildMs: number;
  diffMs: number;
  elapsedMs: number;
};

export type StaleSource = { id: string; title: string; tier: string; url: string | null; verified: string; days: number; path: string };
export type StaleFact = { fact: string; sources: string[]; verified: string; days: number; path: string };
export type StaleRegion = { file: string; code: string; name: string; sources: StaleSource[]; facts: StaleFact[] };

/** The last answer diff of the selected version (null: not run yet), and whether one is running. */
export const answerDiff = signal<{ running: boolean; version: number | null; report: AnswerDiffReport | null }>({ running: false, version: null, report: null });
export const stale = signal<{ loading: boolean; version: number | null; days: number; regions: StaleRegion[] }>({ loading: false, version: null, days: 0, regions: [] });

/** Asks every known question of the published version and the draft (with its unsaved edits): on request only. */
export async function runAnswerDiff(): Promise<void> {
  const version = selected.value?.version;
  if (version === undefined || answerDiff.value.running) return;
  answerDiff.value = { running: true, version: version.number, report: null };
  const answer = await api<AnswerDiffReport>('POST', `/api/v1/editor/versions/${version.number}/answer-diff`, { files: editedFiles() });
  answerDiff.value = { running: false, version: version.number, report: answer.ok ? answer.body : null };
  if (!answer.ok) {
    if (Array.isArray(answer.body['problems'])) problems.value = answer.body['problems'] as Problem[];
    show('error', answer.message);
  }
}

export async function loadStale(): Promise<void> {
  const version = selected.value?.version;
  if (version === undefined) return;
  stale.value = { ...stale.value, loading: true };
  const answer = await api<{ days: number; regions: StaleRegion[] }>('POST', `/api/v1/editor/versions/${version.number}/stale`, { files: editedFiles() });
  if (!answer.ok) {
    stale.value = { ...stale.value, loading: false };
    return show('error', answer.message);
  }
  stale.value = { loading: false, version: version.number, ...answer.body };
}
