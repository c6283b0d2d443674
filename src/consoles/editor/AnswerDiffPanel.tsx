import { diffChars } from 'diff';
import { answerDiff, runAnswerDiff, type AnswerSide, type QuestionChange, type QuestionOrigin } from './answerDiffState.js';
import { linkTo } from './contentLink.js';
import { selected } from './editorState.js';
import { t } from './words.js';

const seconds = (ms: number) => (ms / 1000).toFixed(1);

function Origin({ origin, version, names }: { origin: QuestionOrigin; version: number; names: Record<string, string> }) {
  switch (origin.kind) {
    case 'example':
      return (
        <a href={linkTo(version, origin.file, origin.path)} class="origin">
          {t('editor.ui.answerDiff.origin.example', { label: origin.label })}
        </a>
      );
    case 'faq':
      return <span class="origin">{t('editor.ui.answerDiff.origin.faq', { entry: origin.entryId })}</span>;
    case 'region-mention':
      return <span class="origin">{t('editor.ui.answerDiff.origin.regionMention', { topic: origin.topic })}</span>;
    case 'asked':
      return (
        <span class="origin">
          {origin.regions.length === 0
            ? t('editor.ui.answerDiff.origin.asked', { count: origin.count })
            : t('editor.ui.answerDiff.origin.askedIn', { count: origin.count, regions: origin.regions.map((region) => names[region] ?? region).join(t('editor.ui.answerDiff.regions.separator')) })}
        </span>
      );
  }
}

/** The text of one side with what the other side lacks marked: removed words on the old side, added on the new. */
function Marked({ text, other, side }: { text: string; other: string; side: 'before' | 'after' }) {
  const parts = side === 'after' ? diffChars(other, text) : diffChars(text, other);
  const mine = parts.filter((part) => (side === 'after' ? !part.removed : !part.added));
  return (
    <div class="said">
      {mine.map((part, index) => ((side === 'after' ? part.added : part.removed) ? <mark key={index} class={side}>{part.value}</mark> : part.value))}
    </div>
  );
}

function Side({ title, side, other, which }: { title: string; side: AnswerSide; other: AnswerSide; which: 'before' | 'after' }) {
  const none = t('editor.ui.answerDiff.nothing');
  return (
    <div class="side">
      <strong>{title}</strong>
      <div class="meta">{t('editor.ui.answerDiff.understood', { route: t(`editor.ui.answerDiff.route.${side.route}`), topic: side.topic ?? none, entry: side.faqId ?? none })}</div>
      <Marked text={side.text} other={other.text} side={which} />
    </div>
  );
}

function regionList(regions: (string | null)[], all: string[], names: Record<string, string>): string {
  const named = regions.filter((region): region is string => region !== null);
  const everyRegion = all.length > 0 && all.every((region) => named.includes(region));
  if (everyRegion && regions.includes(null)) return t('editor.ui.answerDiff.regions.everywhere');
  const parts = regions.includes(null) ? [t('editor.ui.answerDiff.regions.unknown')] : [];
  if (everyRegion) parts.push(t('editor.ui.answerDiff.regions.all', { count: all.length }));
  else parts.push(...named.map((region) => names[region] ?? region));
  return parts.join(t('editor.ui.answerDiff.regions.separator'));
}

function Question({ question, version, regions, names }: { question: QuestionChange; version: number; regions: string[]; names: Record<string, string> }) {
  return (
    <li class="question" data-question={question.text}>
      <div>
        <strong class="asked">{question.text}</strong>{' '}
        {question.origins.map((origin, index) => (
          <Origin key={index} origin={origin} version={version} names={names} />
        ))}
      </div>
      {question.changes.map((change, index) => (
        <div key={index} class="change">
          <div class="meta">
            {t('editor.ui.answerDiff.where', { regions: regionList(change.regions, regions, names) })} · {t('editor.ui.answerDiff.changed', { what: change.what.map((kind) => t(`editor.ui.answerDiff.what.${kind}`)).join(t('editor.ui.answerDiff.regions.separator')) })}
          </div>
          <div class="sides">
            <Side title={t('editor.ui.answerDiff.before')} side={change.before} other={change.after} which="before" />
            <Side title={t('editor.ui.answerDiff.after')} side={change.after} other={change.before} which="after" />
          </div>
        </div>
      ))}
    </li>
  );
}

/** Which known questions the draft answers differently from the live version: run on request, in a worker thread. */
export function AnswerDiffPanel() {
  const current = selected.value;
  if (current === null) return null;
  const state = answerDiff.value;
  const report = state.version === current.version.number ? state.report : null;
  return (
    <section aria-labelledby="answer-diff-title" data-testid="answer-diff">
      <h2 id="answer-diff-title">{t('editor.ui.answerDiff.title')}</h2>
      <p class="meta">{t('editor.ui.answerDiff.intro')}</p>
      <div class="row">
        <button type="button" class="primary" disabled={state.running} onClick={() => void runAnswerDiff()}>
          {t('editor.ui.answerDiff.run')}
        </button>
        {state.running && <span class="meta">{t('editor.ui.answerDiff.running')}</span>}
      </div>
      {report !== null && (
        <>
          {!report.complete && (
            <p class="notice error" role="alert" data-testid="answer-diff-partial">
              {t('editor.ui.answerDiff.partial', { checked: report.checked, total: report.total })}
            </p>
          )}
          <p data-testid="answer-diff-summary">
            {t('editor.ui.answerDiff.summary', { against: report.against, checked: report.checked, total: report.total, count: report.questions.length, seconds: seconds(report.elapsedMs), build: seconds(report.buildMs), budget: seconds(report.budgetMs) })}
          </p>
          {report.questions.length === 0 && <p class="meta">{t('editor.ui.answerDiff.none')}</p>}
          <ul class="answer-diff">
            {report.questions.map((question) => (
              <Question key={question.text} question={question} version={current.version.number} regions={report.regions} names={report.regionNames} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
