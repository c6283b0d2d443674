import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { t } from '../shared/words.js';
import {
  busy,
  call,
  endCall,
  fileApplication,
  problem,
  recordConsent,
  replies,
  sayCallerWords,
  searchAnswers,
  ticked,
  type Answer,
  type CallView,
} from './callActions.js';
import { FieldRow } from './FieldRow.js';
import { SendBox } from './SendBox.js';

type Form = NonNullable<CallView['form']>;

function ScriptCard(props: { view: CallView }) {
  const { script } = props.view;
  return (
    <section class="script" aria-labelledby="script-title">
      <h2 id="script-title">{t('console.agent.nextLine')}</h2>
      <p class="say" data-step={script.step}>
        {script.say}
      </p>
      <p class="collects">
        <strong>{t('console.agent.collects')}</strong>
        {script.collects}
      </p>
      {script.check.length > 0 && (
        <div class="check">
          <strong>{t('console.agent.check')}</strong>
          <ul>
            {script.check.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

function CallerWords() {
  return (
    <SendBox
      id="caller-words"
      class="caller-words"
      label={t('console.agent.callerWords')}
      placeholder={t('console.agent.callerWordsPlaceholder')}
      button={t('console.agent.send')}
      disabled={busy.value}
      send={sayCallerWords}
    />
  );
}

function AssistantReplies() {
  if (replies.value.length === 0) return null;
  return (
    <section class="replies" aria-live="polite" aria-labelledby="replies-title">
      <h3 id="replies-title">{t('console.agent.assistantSaid')}</h3>
      {replies.value.map((reply, index) => (
        <p key={index}>{reply}</p>
      ))}
    </section>
  );
}

function MemberCard(props: { member: Form['members'][number]; callId: string }) {
  const { member } = props;
  return (
    <article class="member" data-member={member.index}>
      <h4>{t('console.agent.memberTitle', { index: member.index + 1, relationship: member.relationship, name: member.name })}</h4>
      <p class="numbers">
        {member.idNumber} · {member.phone}
        {member.age !== null && ` · ${t('console.agent.age', { age: member.age })}`}
      </p>
      <p class={member.faceAuth ? 'face yes' : 'face no'}>{t(member.faceAuth ? 'console.agent.faceAuthNeeded' : 'console.agent.faceAuthNotNeeded')}</p>
      <fieldset class="proofs">
        <legend>{t('console.agent.proofChecklist')}</legend>
        {member.proofs.length === 0 && <p>{member.proofsNote}</p>}
        {member.proofs.map((proof, proofIndex) => {
          const key = `${props.callId}.${member.index}.${proofIndex}`;
          return (
            <label key={key} class="proof">
              <input
                type="checkbox"
                checked={ticked.value[key] === true}
                onChange={(event) => (ticked.value = { ...ticked.value, [key]: event.currentTarget.checked })}
              />
              {proof.documents.join(proof.anyOf ? t('console.agent.or') : t('console.agent.and'))}
            </label>
          );
        })}
      </fieldset>
    </article>
  );
}

function FormPanel(props: { view: CallView }) {
  const form = props.view.form;
  if (form === null) {
    return (
      <section class="form" aria-labelledby="form-title">
        <h2 id="form-title">{t('console.agent.formTitle')}</h2>
        <p class="empty">{t('console.agent.noFormYet')}</p>
      </section>
    );
  }
  const pending = form.pending;
  // Once filed, the form is the record: nothing more to type into it.
  const editable = ['collecting', 'adding', 'consent', 'confirming', 'paused'].includes(form.status);
  const relationshipOptions = props.view.limits.relationships.map((limit) => limit.relationship);
  return (
    <section class="form" aria-labelledby="form-title">
      <h2 id="form-title">
        {t('console.agent.formTitle')} <span class="status">{t(`console.agent.status.${form.status}`)}</span>
      </h2>
      <h3>{t('console.agent.applicant')}</h3>
      <FieldRow label={t('console.agent.name')} field={form.applicant.name} person="applicant" pending={pending === 'applicant.name'} editable={editable} />
      <FieldRow
        label={t('console.agent.idNumber')}
        field={form.applicant.idNumber}
        person="applicant"
        pending={pending === 'applicant.idNumber'}
        editable={editable}
      />
      <FieldRow label={t('console.agent.phone')} field={form.applicant.phone} person="applicant" pending={pending === 'applicant.phone'} editable={editable} />
      {form.members.map((member) => (
        <MemberCard key={member.index} member={member} callId={props.view.id} />
      ))}
      {(form.status === 'collecting' || form.status === 'adding') && (
        <>
          <h3>{form.members.length === 0 ? t('console.agent.member') : t('console.agent.nextMember')}</h3>
          <FieldRow
            label={t('console.agent.relationship')}
            field={form.current.relationship}
            person="current"
            options={relationshipOptions}
            pending={pending === 'member.relationship'}
            editable
          />
          <FieldRow label={t('console.agent.name')} field={form.current.name} person="current" pending={pending === 'member.name'} editable />
          <FieldRow label={t('console.agent.idNumber')} field={form.current.idNumber} person="current" pending={pending === 'member.idNumber'} editable />
          <FieldRow label={t('console.agent.phone')} field={form.current.phone} person="current" pending={pending === 'member.phone'} editable />
        </>
      )}
      <ConsentAndFiling view={props.view} form={form} />
    </section>
  );
}

function ConsentAndFiling(props: { view: CallView; form: Form }) {
  const { form, view } = props;
  const canConsent = form.members.length > 0 && (form.status === 'adding' || form.status === 'consent');
  return (
    <div class="consent">
      {canConsent && (
        <>
          <h3>{view.pledge.title}</h3>
          <pre class="pledge">{view.pledge.text}</pre>
          <button type="button" id="record-consent" disabled={busy.value} onClick={() => recordConsent()}>
            {t('console.agent.recordConsent')}
          </button>
        </>
      )}
      {form.consent && (
        <p class="consent-record">
          {t('console.agent.consentRecord', {
            at: new Date(form.consent.givenAt).toLocaleString('zh-CN', { hour12: false }),
            version: form.consent.pledgeVersion,
          })}
        </p>
      )}
      {form.status === 'confirming' && (
        <button type="button" id="file-application" class="primary" disabled={busy.value} onClick={() => fileApplication()}>
          {t('console.agent.file')}
        </button>
      )}
      {form.recordNumber && (
        <p class="record-number" role="status">
          {t('console.agent.recordNumber')}
          <strong>{form.recordNumber}</strong>
        </p>
      )}
    </div>
  );
}

function RegionPanel(props: { view: CallView }) {
  const { view } = props;
  const { policy, limits } = view;
  return (
    <section class="region" aria-labelledby="region-title">
      <h2 id="region-title">{t('console.agent.regionTitle', { region: view.region.name })}</h2>
      <h3>{t('console.agent.limitsLeft')}</h3>
      <ul class="limits">
        {limits.relationships.map((limit) => (
          <li key={limit.relationship}>
            {limit.relationship}：{limit.left === null ? t('console.agent.noLimit') : t('console.agent.left', { left: limit.left, max: limit.max ?? '' })}
          </li>
        ))}
        {limits.total && <li>{t('console.agent.totalLeft', { left: limits.total.left, max: limits.total.max })}</li>}
      </ul>
      <h3>{t('console.agent.channels')}</h3>
      <ul>
        {policy.channels.map((channel) => (
          <li key={channel.name}>
            {channel.name}
            {channel.path.length > 0 && `：${channel.path.join(' → ')}`}
          </li>
        ))}
      </ul>
      <h3>{t('console.agent.review')}</h3>
      <p>{policy.review}</p>
      <h3>{t('console.agent.crossRegion')}</h3>
      <p>{policy.crossRegion}</p>
      {policy.notes.length > 0 && (
        <ul class="notes">
          {policy.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
      <p>{t('console.agent.hotlines', { hotlines: policy.hotlines.join('、') })}</p>
    </section>
  );
}

function QuickAnswers(props: { region: string | null }) {
  const query = useSignal('');
  const answers = useSignal<Answer[]>([]);
  const submit = async (event: Event) => {
    event.preventDefault();
    answers.value = await searchAnswers(query.value, props.region);
  };
  return (
    <section class="answers" aria-labelledby="answers-title">
      <h2 id="answers-title">{t('console.agent.quickAnswers')}</h2>
      <form onSubmit={submit}>
        <input
          id="faq-search"
          aria-label={t('console.agent.searchFaq')}
          placeholder={t('console.agent.searchFaq')}
          value={query.value}
          onInput={(event) => (query.value = event.currentTarget.value)}
        />
      </form>
      {answers.value.map((answer) => (
        <article key={answer.id} class="answer">
          <h4>{answer.question}</h4>
          {/* The answer ends with its citation (source and the day it was checked), as the chat words it. */}
          <p>{answer.text}</p>
        </article>
      ))}
    </section>
  );
}

/** Alt+1 the caller's words, Alt+3 the FAQ search, Alt+C consent, Alt+F filing: the hands stay on the keyboard. */
const shortcuts: Record<string, () => void> = {
  Digit1: () => document.getElementById('caller-words')?.focus(),
  Digit3: () => document.getElementById('faq-search')?.focus(),
  KeyC: () => document.getElementById('record-consent')?.click(),
  KeyF: () => document.getElementById('file-application')?.click(),
};

function onShortcut(event: KeyboardEvent): void {
  const action = event.altKey && !event.ctrlKey && !event.metaKey ? shortcuts[event.code] : undefined;
  if (action === undefined) return;
  event.preventDefault();
  action();
}

export function CallWorkspace() {
  useEffect(() => {
    document.addEventListener('keydown', onShortcut);
    return () => document.removeEventListener('keydown', onShortcut);
  }, []);
  const view = call.value;
  if (view === null) return null;
  return (
    <div class="workspace">
      <div class="column left">
        <ScriptCard view={view} />
        <CallerWords />
        {problem.value && (
          <p class="problem" role="alert">
            {problem.value}
          </p>
        )}
        <AssistantReplies />
        <button type="button" class="link end" onClick={endCall}>
          {t('console.agent.endCall')}
        </button>
      </div>
      <div class="column middle">
        <FormPanel view={view} />
      </div>
      <div class="column right">
        <RegionPanel view={view} />
        <QuickAnswers region={view.region.code} />
      </div>
    </div>
  );
}
