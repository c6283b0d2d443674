import { autocompletion } from '@codemirror/autocomplete';
import { yaml, yamlLanguage } from '@codemirror/lang-yaml';
import { lintGutter, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { basicSetup } from 'codemirror';
import { stateExtensions } from 'codemirror-json-schema';
import { yamlCompletion } from 'codemirror-json-schema/yaml';
import { useEffect, useRef } from 'preact/hooks';
import type { Problem } from './editorState.js';
import { problemRange } from './problemRange.js';

/**
 * CodeMirror 6 on one file: YAML highlighting, completion of field names and values from the file's JSON Schema
 * (generated from the same zod schemas as the checker), and the checker's problems inline at their fields.
 */
export function YamlEditor(props: {
  path: string;
  text: string;
  readOnly: boolean;
  schema: Parameters<typeof stateExtensions>[0];
  problems: Problem[];
  /** A checker path to select and scroll to (a link from the staleness view or the answer diff). */
  focus?: { at: string; seq: number } | null;
  onChange: (text: string) => void;
}) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const onChange = useRef(props.onChange);
  onChange.current = props.onChange;

  useEffect(() => {
    if (host.current === null) return;
    const editor = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: props.text,
        extensions: [
          // The page's CSP admits CodeMirror's own <style> element by this nonce.
          EditorView.cspNonce.of(document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content ?? ''),
          basicSetup,
          yaml(),
          // Field names and values from the file's JSON Schema.
          autocompletion(),
          yamlLanguage.data.of({ autocomplete: yamlCompletion() }),
          stateExtensions(props.schema),
          lintGutter(),
          EditorState.readOnly.of(props.readOnly),
          EditorView.lineWrapping,
          EditorView.updateListener.of((update) => {
            if (update.docChanged) onChange.current(update.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = editor;
    return () => {
      editor.destroy();
      view.current = null;
    };
    // A new editor per file and version; typing never recreates it.
  }, [props.path, props.readOnly, props.schema]);

  useEffect(() => {
    const editor = view.current;
    if (editor === null) return;
    const text = editor.state.doc.toString();
    const diagnostics: Diagnostic[] = props.problems.map((problem) => {
      const range = problemRange(text, problem.path, problem.message);
      return { from: Math.min(range.from, text.length), to: Math.min(range.to, text.length), severity: 'error', message: problem.path === '' ? problem.message : `${problem.path}：${problem.message}` };
    });
    editor.dispatch(setDiagnostics(editor.state, diagnostics));
  }, [props.problems, props.path]);

  useEffect(() => {
    const editor = view.current;
    if (editor === null || !props.focus) return;
    const text = editor.state.doc.toString();
    const range = problemRange(text, props.focus.at);
    editor.dispatch({ selection: { anchor: range.from, head: Math.min(range.to, text.length) }, effects: EditorView.scrollIntoView(range.from, { y: 'center' }) });
    editor.focus();
  }, [props.focus?.seq, props.path]);

  return <div class="code" ref={host} data-path={props.path} />;
}
