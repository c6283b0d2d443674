import { signal } from '@preact/signals';
import { openVersion, selected, selectedPath } from './editorState.js';

/** What the middle panel shows: the file being edited, the answer diff, or what is stale. */
export const view = signal<'edit' | 'answer-diff' | 'stale'>('edit');
/** A place in the open file to show (a checker path like `facts.relationships`); `seq` tells repeated clicks apart. */
export const focusAt = signal<{ path: string; at: string; seq: number } | null>(null);
let seq = 0;

/** A link that opens a place in a version's file: `#version=2&file=flows/regions/210200.yaml&at=facts.totalLimit`. */
export function linkTo(version: number, file: string, at: string): string {
  return `#${new URLSearchParams({ version: String(version), file, at }).toString()}`;
}

/** Opens what a link names (on a click, or when the page is opened with one). */
export async function followLink(hash: string): Promise<void> {
  const query = new URLSearchParams(hash.replace(/^#/, ''));
  const version = Number(query.get('version'));
  const file = query.get('file');
  if (!Number.isInteger(version) || version <= 0 || file === null) return;
  if (selected.value?.version.number !== version) await openVersion(version, false);
  if (!selected.value?.files.some((candidate) => candidate.path === file)) return;
  selectedPath.value = file;
  seq += 1;
  focusAt.value = { path: file, at: query.get('at') ?? '', seq };
  view.value = 'edit';
}
