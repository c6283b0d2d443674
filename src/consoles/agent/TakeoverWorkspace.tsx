import { useEffect, useRef } from 'preact/hooks';
import { t } from '../shared/words.js';
import { FormFields } from './FormFields.js';
import { correctionReplies, handBack, handoffBusy, held, heldProblem, refreshHeld, release, sendMessage, type HeldConversation } from './handoffActions.js';
import { live } from './liveQueue.js';
import { progressText, regionLabel } from './queueWords.js';
import { SendBox } from './SendBox.js';
import { usePolling } from './usePolling.js';

/** How often the held chat is read again for the person's new messages while the live stream is away. */
const heldIntervalMs = 1500;

function Transcript(props: { conversation: HeldConversation }) {
  const end = useRef<HTMLLIElement>(null);
  const entries = props.conversation.transcript;
  useEffect(() => end.current?.scrollIntoView({ block: 'end' }), [entries.length]);
  return (
    // Focusable: the chat scrolls once it is longer than the panel (the person is also told who took them, released…), and keyboard users must reach it.
    <section class="transcript" aria-labelledby="transcript-title" tabIndex={0}>
      <h2 id="transcript-title">{t('console.takeover.transcriptTitle')}</h2>
      <div role="log" aria-live="polite" aria-labelledby="transcript-title">
        <ol>
          {entries.map((entry, index) => (
            <li key={entry.seq} class={`entry ${entry.from}`} data-seq={entry.seq} ref={index === entries.length - 1 ? end : undefined}>
              <span class="speaker">{entry.from === 'agent' ? (entry.agentName ?? '') : t(`console.takeover.from.${entry.from}`)}</span>
              <span class="text">{entry.text}</span>
            </li>
          ))}
        </ol>
      </div>
    </section>
  );
}

function Composer() {
  return (
    <SendBox
      id="agent-message"
      class="composer"
      label={t('console.takeover.messageLabel')}
      placeholder={t('console.takeover.messagePlaceholder')}
      button={t('console.takeover.send')}
      buttonClass="primary"
      disabled={handoffBusy.value}
      send={sendMessage}
    />
  );
}

/** A widget chat this agent claimed: the masked transcript and a reply box, the person's form with corrections, and the way out. */
export function TakeoverWorkspace() {
  const conversation = held.value;
  usePolling(() => (live.value ? Promise.resolve() : refreshHeld()), heldIntervalMs, conversation?.conversationId);
  if (conversation === null) return null;
  return (
    <main class="takeover">
      <div class="column left">
        <h2 class="held-title">{t('console.takeover.heldTitle', { region: regionLabel(conversation.region, conversation.form) })}</h2>
        {conversation.agent !== null && <p class="shown-as">{t('console.takeover.shownAs', { name: conversation.agent })}</p>}
        <Transcript conversation={conversation} />
        <Composer />
        {heldProblem.value && (
          <p class="problem" role="alert">
            {heldProblem.value}
          </p>
        )}
        <div class="hold-actions">
          <button type="button" class="primary" id="hand-back" disabled={handoffBusy.value} onClick={() => void handBack()}>
            {t('console.takeover.handBack')}
          </button>
          <button type="button" disabled={handoffBusy.value} onClick={() => void release()}>
            {t('console.takeover.release')}
          </button>
          <p class="hint">{t('console.takeover.handBackHint')}</p>
        </div>
      </div>
      <div class="column middle">
        <section class="held-form" aria-labelledby="held-form-title">
          <h2 id="held-form-title">{t('console.takeover.formTitle')}</h2>
          <p class="progress">{progressText(conversation.form)}</p>
          <FormFields form={conversation.form} editable />
          {correctionReplies.value.length > 0 && (
            <section class="replies" aria-live="polite" aria-labelledby="correction-replies-title">
              <h3 id="correction-replies-title">{t('console.takeover.assistantSaid')}</h3>
              {correctionReplies.value.map((reply, index) => (
                <p key={index}>{reply}</p>
              ))}
            </section>
          )}
        </section>
      </div>
    </main>
  );
}
