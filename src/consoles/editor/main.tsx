import { signal, useSignal } from '@preact/signals';
import { render } from 'preact';
import { useEffect } from 'preact/hooks';
import { api, loadStaff, signOut, staff, type StaffMember } from './api.js';
import {
  approval,
  approve,
  checking,
  createDraft,
  diff,
  dirty,
  discard,
  edit,
  isDraft,
  liveNumber,
  loadVersions,
  message,
  notices,
  openVersion,
  preview,
  previewRegion,
  problems,
  restartPreview,
  returnToDraft,
  rollback,
  runTests,
  save,
  search,
  selected,
  selectedPath,
  sendPreview,
  submit,
  tests,
  textOf,
  versions,
  type Notice,
  type VersionSummary,
} from './editorState.js';
import { AnswerDiffPanel } from './AnswerDiffPanel.js';
import { focusAt, followLink, view } from './contentLink.js';
import { ChangePassword, SignIn } from './SignIn.js';
import { StalePanel } from './StalePanel.js';
import { adoptStyles } from './styles.js';
import { loadWords, t } from './words.js';
import { YamlEditor } from './YamlEditor.js';
import { InboxPage } from './InboxPage.js';
import { InsightsPage } from './InsightsPage.js';
import { adoptInsightsStyles } from './insightsStyles.js';

type SchemaKind = { kind: string; pattern: string; schema: Parameters<typeof YamlEditor>[0]['schema'] };
const schemas = signal<SchemaKind[]>([]);
/** The console's pages: content versions (the default), the inbox of questions to learn, the insights. */
const page = signal<'content' | 'inbox' | 'insights'>('content');
const sectionOrder = ['faq', 'region', 'flow', 'messages', 'nlu', 'llm', 'synonyms', 'test'];

function schemaFor(path: string): SchemaKind['schema'] {
  return schemas.value.find((entry) => new RegExp(entry.pattern).test(path))?.schema;
}

const time = (iso: string | null) => (iso === null ? '' : new Date(iso).toLocaleString('zh-CN', { hour12: false }));

function NoticeLine({ notice }: { notice: Notice }) {
  if (notice.kind === 'repository-broken') return <p class="notice error" role="alert">{t('editor.ui.notice.repositoryBroken', { count: notice.problems.length, served: notice.served })}</p>;
  if (notice.kind === 'repository-draft') return <p class="notice">{t('editor.ui.notice.repositoryDraft', { number: notice.version })}</p>;
  if (notice.kind === 'published-invalid-repository-published') return <p class="notice">{t('editor.ui.notice.republished', { number: notice.version })}</p>;
  return null;
}

function VersionList() {
  return (
    <>
      <h2>{t('editor.ui.versions')}</h2>
      <button type="button" class="primary" onClick={() => void createDraft()}>
        {t('editor.ui.newDraft')}
      </button>
      <ul class="versions">
        {versions.value
          .filter((version) => version.status !== 'discarded')
          .map((version) => (
            <li key={version.number}>
              <button type="button" aria-current={selected.value?.version.number === version.number} data-version={version.number} onClick={() => void openVersion(version.number)}>
                {t('editor.ui.version', { number: version.number })}
                <span class={`status ${version.status}`}>{t(`editor.status.${version.status}`)}</span>
                <div class="meta">
                  {version.author.login} · {time(version.publishedAt ?? version.updatedAt)}
                </div>
              </button>
            </li>
          ))}
      </ul>
    </>
  );
}

function FileList() {
  const current = selected.value;
  if (current === null) return null;
  const query = search.value.trim();
  const problemCount = (path: string) => problems.value.filter((problem) => problem.file === path).length;
  const shown = current.files.filter((file) => query === '' || file.path.includes(query) || textOf(file.path).includes(query));
  const sections = [...sectionOrder, 'other'].map((section) => ({
    section,
    files: shown.filter((file) => (sectionOrder.includes(file.kind ?? '') ? file.kind === section : section === 'other')),
  }));
  return (
    <>
      <input type="search" placeholder={t('editor.ui.search')} value={search.value} onInput={(event) => (search.value = event.currentTarget.value)} style={{ width: '100%' }} />
      <div class="files">
        {shown.length === 0 && <p class="meta">{t('editor.ui.noMatch')}</p>}
        {sections
          .filter(({ files }) => files.length > 0)
          .map(({ section, files }) => (
            <section key={section}>
              <h3>{t(`editor.ui.section.${section}`)}</h3>
              <ul class="files">
                {files.map((file) => (
                  <li key={file.path}>
                    <button type="button" aria-current={selectedPath.value === file.path} data-path={file.path} onClick={() => (selectedPath.value = file.path)}>
                      {file.path.replace(/^(flows|prompts)\//, '')}
                      {problemCount(file.path) > 0 && <span class="count"> ⚠ {problemCount(file.path)}</span>}
                    </button>
                  </li>
                ))}
              </ul>
            </section>
          ))}
      </div>
    </>
  );
}

function Problems() {
  const path = selectedPath.value;
  const here = problems.value.filter((problem) => problem.file === path);
  const elsewhere = problems.value.filter((problem) => problem.file !== path);
  if (checking.value && problems.value.length === 0) return <p class="meta">{t('editor.ui.checking')}</p>;
  if (problems.value.length === 0)
    return (
      <ul class="problems ok" aria-live="polite">
        <li>✓ {t('editor.ui.problems.none')}</li>
      </ul>
    );
  return (
    <div aria-live="polite">
      <p class="problem">{t('editor.ui.problems.count', { count: problems.value.length })}</p>
      <ul class="problems" data-testid="problems">
        {here.map((problem) => (
          <li key={`${problem.path}${problem.message}`}>
            {problem.path === '' ? '' : `${problem.path} → `}
            {problem.message}
          </li>
        ))}
      </ul>
      {elsewhere.length > 0 && (
        <>
          <p class="meta">{t('editor.ui.problems.otherFiles')}</p>
          <ul class="problems">
            {elsewhere.slice(0, 20).map((problem) => (
              <li key={`${problem.file}${problem.path}${problem.message}`}>
                <button type="button" class="link" onClick={() => (selectedPath.value = problem.file)}>
                  {problem.file}
                </button>
                {problem.path === '' ? '' : ` → ${problem.path}`} → {problem.message}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

function Actions({ member }: { member: StaffMember }) {
  const note = useSignal('');
  const publishAt = useSignal('');
  const version = selected.value?.version;
  if (version === undefined) return null;
  const ownChange = version.editors.some((editor) => editor.id === member.id);
  return (
    <div>
      {version.returnNote && <p class="notice">{t('editor.ui.returned', { note: version.returnNote })}</p>}
      {version.status === 'draft' && (
        <>
          <div class="row">
            <button type="button" onClick={() => void save()} disabled={!dirty.value}>
              {t('editor.ui.save')}
            </button>
            <span class="meta">{dirty.value ? t('editor.ui.unsaved') : ''}</span>
          </div>
          <label class="row">
            {t('editor.ui.submit.message')}
            <input type="text" name="submit-message" value={note.value} onInput={(event) => (note.value = event.currentTarget.value)} />
          </label>
          <div class="row">
            <button type="button" class="primary" disabled={problems.value.length > 0 || checking.value} title={problems.value.length > 0 ? t('editor.ui.submit.blocked') : ''} onClick={() => void submit(note.value)}>
              {approval.value === 'none' ? t('editor.ui.submitPublish') : t('editor.ui.submit')}
            </button>
            <button type="button" onClick={() => void discard()}>
              {t('editor.ui.discard')}
            </button>
          </div>
        </>
      )}
      {version.status === 'submitted' && member.role === 'approver' && (
        <>
          {ownChange && <p class="notice">{t('editor.ui.approve.own')}</p>}
          <label class="row">
            {t('editor.ui.approve.at')}
            <input type="datetime-local" name="publish-at" value={publishAt.value} onInput={(event) => (publishAt.value = event.currentTarget.value)} />
          </label>
          <div class="row">
            <button type="button" class="primary" onClick={() => void approve(publishAt.value)}>
              {t('editor.ui.approve')}
            </button>
          </div>
          <label class="row">
            {t('editor.ui.return.note')}
            <input type="text" name="return-note" value={note.value} onInput={(event) => (note.value = event.currentTarget.value)} />
            <button type="button" onClick={() => void returnToDraft(note.value)}>
              {t('editor.ui.return')}
            </button>
          </label>
        </>
      )}
      {(version.status === 'retired' || version.status === 'published') && version.number !== liveNumber.value && member.role === 'approver' && (
        <button type="button" onClick={() => void rollback(version.number)}>
          {t('editor.ui.rollback')}
        </button>
      )}
      {version.status === 'retired' && member.role === 'approver' && version.number === liveNumber.value && null}
    </div>
  );
}

function Meta({ version }: { version: VersionSummary }) {
  return (
    <div class="meta">
      <span class={`status ${version.status}`}>{t(`editor.status.${version.status}`)}</span> {t(`editor.origin.${version.origin}`)} · {t('editor.ui.meta.author')} {version.author.login} · {t('editor.ui.meta.created')} {time(version.createdAt)}
      {version.approver && ` · ${t('editor.ui.meta.approver')} ${version.approver.login}`}
      {version.publishAt && ` · ${t('editor.ui.meta.publishAt')} ${time(version.publishAt)}`}
      {version.publishedAt && ` · ${t('editor.ui.meta.published')} ${time(version.publishedAt)}`}
      {version.rollbackOf !== null && ` · ${t('editor.ui.meta.rollbackOf', { number: version.rollbackOf })}`}
      {version.message && ` · ${t('editor.ui.meta.message')}：${version.message}`}
    </div>
  );
}

function EditorPane({ member }: { member: StaffMember }) {
  const current = selected.value;
  if (current === null) return <p class="meta">{t('editor.ui.pickVersion')}</p>;
  const path = selectedPath.value;
  return (
    <div class="editor">
      <h2>{t('editor.ui.version', { number: current.version.number })}</h2>
      <Meta version={current.version} />
      {!isDraft.value && <p class="meta">{t('editor.ui.readOnly', { status: t(`editor.status.${current.version.status}`) })}</p>}
      <Actions member={member} />
      {path === null ? (
        <p class="meta">{t('editor.ui.pickFile')}</p>
      ) : (
        <>
          <div class="toolbar">
            <strong>{path}</strong>
          </div>
          <YamlEditor
            key={`${current.version.number}:${path}`}
            path={path}
            text={textOf(path)}
            readOnly={!isDraft.value}
            schema={schemaFor(path)}
            problems={problems.value.filter((problem) => problem.file === path)}
            focus={focusAt.value?.path === path ? focusAt.value : null}
            onChange={(text) => edit(path, text)}
          />
        </>
      )}
      <Problems />
    </div>
  );
}

function PreviewPanel() {
  const text = useSignal('');
  const regions = [{ code: '', name: t('editor.ui.preview.national') }, ...(selected.value?.files ?? []).flatMap((file) => {
    const match = /^flows\/regions\/(\d{6})\.yaml$/.exec(file.path);
    const name = /\nname:\s*(.+)/.exec(file.text)?.[1]?.trim();
    return match ? [{ code: match[1]!, name: `${name ?? ''} ${match[1]}` }] : [];
  })];
  if (selected.value === null) return null;
  const send = (event: Event) => {
    event.preventDefault();
    void sendPreview(text.value);
    text.value = '';
  };
  return (
    <section aria-labelledby="preview-title">
      <h2 id="preview-title">{t('editor.ui.preview.title')}</h2>
      <label class="row">
        {t('editor.ui.preview.region')}
        <select name="preview-region" value={previewRegion.value} onChange={(event) => { previewRegion.value = event.currentTarget.value; restartPreview(); }}>
          {regions.map((region) => (
            <option key={region.code} value={region.code}>
              {region.name}
            </option>
          ))}
        </select>
        <button type="button" onClick={restartPreview}>
          {t('editor.ui.preview.restart')}
        </button>
      </label>
      <div class="chat" data-testid="preview-chat" aria-live="polite">
        {preview.value.lines.map((line, index) => (
          <div key={index} class={line.from}>
            {line.text}
          </div>
        ))}
      </div>
      <form class="row" onSubmit={send}>
        <input type="text" name="preview-text" placeholder={t('editor.ui.preview.placeholder')} value={text.value} onInput={(event) => (text.value = event.currentTarget.value)} />
        <button type="submit">{t('editor.ui.preview.send')}</button>
      </form>
    </section>
  );
}

function TestsPanel() {
  if (selected.value === null) return null;
  const result = tests.value;
  return (
    <section>
      <div class="row">
        <button type="button" onClick={() => void runTests()} disabled={result.running}>
          {t('editor.ui.tests.run')}
        </button>
        {result.running && <span class="meta">{t('editor.ui.tests.running')}</span>}
        {result.total !== undefined && <strong data-testid="tests-result">{t('editor.ui.tests.result', { passed: result.passed ?? 0, total: result.total })}</strong>}
      </div>
      {(result.failed ?? []).map((failure) => (
        <div key={failure.file} class="failures">
          <strong>{failure.file}</strong> {failure.name}
          <ul>
            {failure.failures.map((line) => (
              <li key={`${line.turn}${line.message}`}>{t('editor.ui.tests.turn', { turn: line.turn, user: line.user, message: line.message })}</li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}

function DiffPanel() {
  const shown = diff.value;
  if (shown === null || selected.value === null) return null;
  return (
    <section>
      <h2>{shown.against === null ? t('editor.ui.history') : t('editor.ui.diff', { number: shown.against })}</h2>
      {shown.files.length === 0 && <p class="meta">{t('editor.ui.diff.none')}</p>}
      {shown.files.map((file) => (
        <div key={file.path}>
          <strong>{file.path}</strong>
          {file.hunks.map((hunk) => (
            <div class="diff" key={`${hunk.oldStart}`}>
              {hunk.lines.map((line, index) => (
                <div key={index} class={line.startsWith('+') ? 'add' : line.startsWith('-') ? 'del' : ''}>
                  {line}
                </div>
              ))}
            </div>
          ))}
        </div>
      ))}
    </section>
  );
}

/** The middle panel's views: the file being edited, what the draft changes in answers, what is stale. */
function ViewTabs() {
  if (selected.value === null) return null;
  const tabs = [
    { name: 'edit', label: t('editor.ui.view.edit') },
    { name: 'answer-diff', label: t('editor.ui.view.answerDiff') },
    { name: 'stale', label: t('editor.ui.view.stale') },
  ] as const;
  return (
    <div class="tabs" role="tablist">
      {tabs.map((tab) => (
        <button key={tab.name} type="button" role="tab" aria-selected={view.value === tab.name} onClick={() => (view.value = tab.name)}>
          {tab.label}
        </button>
      ))}
    </div>
  );
}

function Workspace({ member }: { member: StaffMember }) {
  useEffect(() => {
    // Links into a file (from the staleness view, the answer diff, or a shared address) open it at the place named.
    const onHash = () => void followLink(location.hash);
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  useEffect(() => {
    void loadVersions().then(() => followLink(location.hash));
    void api<{ kinds: SchemaKind[] }>('GET', '/api/v1/editor/schemas').then((answer) => {
      if (answer.ok) schemas.value = answer.body.kinds;
    });
  }, []);
  return (
    <>
      <header class="top">
        <h1>{t('editor.ui.title')}</h1>
        <nav class="nav">
          {(['content', 'inbox', 'insights'] as const).map((name) => (
            <button key={name} type="button" data-page={name} aria-current={page.value === name ? 'page' : undefined} onClick={() => (page.value = name)}>
              {t(`editor.nav.${name}`)}
            </button>
          ))}
        </nav>
        {liveNumber.value !== null && <span data-testid="live-version">{t('editor.ui.live', { number: liveNumber.value })}</span>}
        {approval.value === 'none' && <span>{t('editor.ui.approvalNone')}</span>}
        <span>{t('editor.ui.signedInAs', { login: member.login, role: t(`editor.role.${member.role}`) })}</span>
        <button type="button" class="link" onClick={() => void signOut()}>
          {t('editor.ui.signout')}
        </button>
      </header>
      {notices.value.map((notice, index) => (
        <NoticeLine key={index} notice={notice} />
      ))}
      {message.value && (
        <p class={`message ${message.value.kind}`} role="status" data-testid="message">
          {message.value.text}
        </p>
      )}
      {page.value === 'inbox' && (
        <InboxPage
          openDraft={(number, path) => {
            page.value = 'content';
            view.value = 'edit';
            void loadVersions();
            void openVersion(number).then(() => {
              if (path !== null) selectedPath.value = path;
            });
          }}
        />
      )}
      {page.value === 'insights' && <InsightsPage />}
      <div class="layout" hidden={page.value !== 'content'}>
        <aside class="panel">
          <VersionList />
          <FileList />
        </aside>
        <main class="panel">
          <ViewTabs />
          {view.value === 'edit' && <EditorPane member={member} />}
          {view.value === 'answer-diff' && <AnswerDiffPanel />}
          {view.value === 'stale' && <StalePanel />}
        </main>
        <aside class="panel">
          <PreviewPanel />
          <TestsPanel />
          <DiffPanel />
        </aside>
      </div>
    </>
  );
}

function App() {
  useEffect(() => {
    void loadStaff();
  }, []);
  const member = staff.value;
  if (member === undefined) return <p>{t('editor.ui.loading')}</p>;
  if (member === null) return <SignIn />;
  if (member === 'forbidden') return <p class="notice error">{t('editor.ui.forbidden')}</p>;
  if (member.mustChangePassword) return <ChangePassword />;
  return <Workspace member={member} />;
}

loadWords();
adoptStyles();
adoptInsightsStyles();
const root = document.getElementById('editor-root');
if (root) render(<App />, root);
