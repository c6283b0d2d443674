import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { QuestionGroup } from '../../insights/groupQuestions.js';
import { api } from './api.js';
import { RegionSelect } from './InsightsPage.js';
import { t } from './words.js';

type Targets = { intent: string[]; refusal: string[]; faq: { id: string; topic: string; question: string }[]; topics: string[] };
type Region = { code: string; name: string };
type Answer = { groups: QuestionGroup[]; targets: Targets; drafts: number[]; regions: Region[] };
type Family = 'faq' | 'intent' | 'refusal';

/** What the last action did, and the draft to open. */
type Done = { text: string; draft: number | null; path: string | null };

function labelOf(targets: Targets, family: Family, label: string): string {
  if (family === 'faq') return targets.faq.find((entry) => entry.id === label)?.question ?? label;
  return t(`editor.inbox.${family}.${label}`);
}

function GroupCard({ group, data, onDone }: { group: QuestionGroup; data: Answer; onDone: (done: Done) => void }) {
  const text = useSignal(group.question);
  const family = useSignal<Family>('faq');
  const label = useSignal('');
  const draft = useSignal('');
  const topic = useSignal(data.targets.topics[0] ?? '');
  const failed = useSignal('');
  const regionName = (code: string) => (code === '' ? t('editor.insights.noRegion') : (data.regions.find((region) => region.code === code)?.name ?? code));
  const labels = family.value === 'faq' ? data.targets.faq.map((entry) => entry.id) : data.targets[family.value];
  const send = async (body: Record<string, unknown>) => {
    const answer = await api<{ draft?: number; path?: string }>('POST', '/api/v1/editor/inbox/resolve', {
      keys: group.questions.map((question) => question.key),
      ...body,
      ...(draft.value !== '' && body['action'] !== 'dismissed' ? { draft: Number(draft.value) } : {}),
    });
    if (!answer.ok) {
      failed.value = answer.message;
      return;
    }
    const number = answer.body.draft ?? null;
    const path = answer.body.path ?? null;
    const message =
      body['action'] === 'dismissed'
        ? t('editor.inbox.dismissed')
        : t(body['action'] === 'new-faq' ? 'editor.inbox.faqStarted' : 'editor.inbox.done', { number: number ?? '', path: path ?? '' });
    onDone({ text: message, draft: number, path });
  };
  return (
    <li class="card inbox-group" data-testid="inbox-group" data-key={group.key}>
      <p class="question">
        <strong data-testid="inbox-question">{group.question}</strong> <span class="meta">{t('editor.inbox.count', { count: group.count })}</span>
      </p>
      <p class="meta">
        {Object.entries(group.outcomes)
          .map(([outcome, count]) => `${t(`editor.inbox.outcome.${outcome}`)} ${count}`)
          .join(' · ')}
        {' · '}
        {t('editor.inbox.regions')}
        {Object.entries(group.regions)
          .map(([region, count]) => `${regionName(region)} ${count}`)
          .join('、')}
      </p>
      {group.questions.length > 1 && (
        <p class="meta">
          {t('editor.inbox.similar', { count: group.questions.length - 1 })}
          {group.questions
            .slice(1, 6)
            .map((question) => question.question)
            .join(' / ')}
        </p>
      )}
      <label class="row">
        {t('editor.inbox.text')}
        <input type="text" name="inbox-text" value={text.value} onInput={(event) => (text.value = event.currentTarget.value)} />
      </label>
      <div class="row">
        <label>
          {t('editor.inbox.target')}{' '}
          <select
            name="inbox-family"
            value={family.value}
            onChange={(event) => {
              family.value = event.currentTarget.value as Family;
              label.value = '';
            }}
          >
            {(['faq', 'intent', 'refusal'] as const).map((option) => (
              <option key={option} value={option}>
                {t(`editor.inbox.family.${option}`)}
              </option>
            ))}
          </select>
        </label>
        <select name="inbox-label" value={label.value} onChange={(event) => (label.value = event.currentTarget.value)}>
          <option value="">{t('editor.inbox.pick')}</option>
          {labels.map((option) => (
            <option key={option} value={option}>
              {labelOf(data.targets, family.value, option)}
            </option>
          ))}
        </select>
        <label>
          {t('editor.inbox.draft')}{' '}
          <select name="inbox-draft" value={draft.value} onChange={(event) => (draft.value = event.currentTarget.value)}>
            <option value="">{t('editor.inbox.newDraft')}</option>
            {data.drafts.map((number) => (
              <option key={number} value={String(number)}>
                {t('editor.inbox.draftNumber', { number })}
              </option>
            ))}
          </select>
        </label>
        <button type="button" class="primary" disabled={label.value === ''} onClick={() => void send({ action: 'example', text: text.value, family: family.value, label: label.value })}>
          {t('editor.inbox.addExample')}
        </button>
      </div>
      <div class="row">
        <label>
          {t('editor.inbox.topic')}{' '}
          <select name="inbox-topic" value={topic.value} onChange={(event) => (topic.value = event.currentTarget.value)}>
            {data.targets.topics.map((option) => (
              <option key={option} value={option}>
                {t(`editor.insights.topic.${option}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => void send({ action: 'new-faq', text: text.value, topic: topic.value })}>
          {t('editor.inbox.newFaq')}
        </button>
        <button type="button" class="link" onClick={() => void send({ action: 'dismissed' })}>
          {t('editor.inbox.dismiss')}
        </button>
      </div>
      {failed.value && <p class="message error">{failed.value}</p>}
    </li>
  );
}

export function InboxPage({ openDraft }: { openDraft: (number: number, path: string | null) => void }) {
  const region = useSignal('');
  const answer = useSignal<Answer | null>(null);
  const done = useSignal<Done | null>(null);
  const load = async () => {
    const result = await api<Answer>('GET', `/api/v1/editor/inbox${region.value ? `?region=${region.value}` : ''}`);
    if (result.ok) answer.value = result.body;
  };
  useEffect(() => {
    void load();
  }, []);
  const data = answer.value;
  return (
    <main class="page" data-testid="inbox-page">
      <h2>{t('editor.inbox.title')}</h2>
      <p class="meta">{t('editor.inbox.intro')}</p>
      <div class="row">
        <RegionSelect
          name="inbox-region"
          regions={data?.regions ?? []}
          value={region.value}
          onChange={(code) => {
            region.value = code;
            void load();
          }}
        />
      </div>
      {done.value && (
        <p class="message" role="status" data-testid="inbox-done">
          {done.value.text}{' '}
          {done.value.draft !== null && (
            <button type="button" class="link" onClick={() => openDraft(done.value!.draft!, done.value!.path)}>
              {t('editor.inbox.openDraft')}
            </button>
          )}
        </p>
      )}
      {data === null ? (
        <p class="meta">{t('editor.insights.loading')}</p>
      ) : data.groups.length === 0 ? (
        <p class="meta">{t('editor.inbox.empty')}</p>
      ) : (
        <ul class="inbox">
          {data.groups.map((group) => (
            <GroupCard
              key={group.key}
              group={group}
              data={data}
              onDone={(result) => {
                done.value = result;
                void load();
              }}
            />
          ))}
        </ul>
      )}
    </main>
  );
}
