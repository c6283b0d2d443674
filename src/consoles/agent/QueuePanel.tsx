import { t } from '../shared/words.js';
import { FormFields } from './FormFields.js';
import {
  claim,
  claimRefusal,
  closeCallback,
  handoffBusy,
  revealCallbackPhone,
  revealedPhones,
  notice,
  queue,
  queueProblem,
  refreshQueue,
  type CallbackView,
  type QueueEntry,
} from './handoffActions.js';
import { live } from './liveQueue.js';
import { progressText, regionLabel, waitedText } from './queueWords.js';
import { usePolling } from './usePolling.js';

/** How often the console reads the queue while the live stream is away (reading it also marks the agent present). */
const queueIntervalMs = 2000;

function WaitingEntry(props: { entry: QueueEntry }) {
  const { entry } = props;
  const region = regionLabel(entry.region, entry.form);
  return (
    <li class="queue-entry" data-conversation={entry.conversationId}>
      <p class="queue-head">
        <strong class="place">{t('console.takeover.place', { place: entry.place })}</strong>
        <span class="region">{region}</span>
        <span class="waited">{waitedText(entry.waitingSeconds)}</span>
      </p>
      <p class="progress">{progressText(entry.form)}</p>
      <p class="last-question">
        <span class="label">{t('console.takeover.lastQuestion')}</span>
        {entry.lastQuestion ?? t('console.takeover.noQuestion')}
      </p>
      <button
        type="button"
        class="primary"
        disabled={handoffBusy.value}
        aria-label={t('console.takeover.claimLabel', {
          region,
          place: entry.place,
        })}
        onClick={() => void claim(entry.conversationId)}
      >
        {t('console.takeover.claim')}
      </button>
    </li>
  );
}

function CallbackEntry(props: { ticket: CallbackView }) {
  const { ticket } = props;
  const form = ticket.conversation?.form;
  return (
    <li class="callback" data-ticket={ticket.ticketNumber}>
      <p class="queue-head">
        <strong>{t('console.takeover.ticket', { ticketNumber: ticket.ticketNumber })}</strong>
        <span class="region">{regionLabel(ticket.region, form ?? null)}</span>
      </p>
      <p>
        {t('console.takeover.callbackPhone', { phone: revealedPhones.value[ticket.ticketNumber] ?? ticket.phone })}
        {revealedPhones.value[ticket.ticketNumber] === undefined && (
          <button type="button" class="link" onClick={() => void revealCallbackPhone(ticket.ticketNumber)}>
            {t('console.takeover.revealPhone')}
          </button>
        )}
      </p>
      <p>{t('console.takeover.callbackTime', { time: ticket.preferredTime })}</p>
      <p class="created">
        {t('console.takeover.callbackCreated', {
          at: new Date(ticket.createdAt).toLocaleString('zh-CN', {
            hour12: false,
          }),
        })}
      </p>
      {form && (
        <details>
          <summary>{t('console.takeover.openForm')}</summary>
          <p class="progress">{progressText(form)}</p>
          <FormFields form={form} editable={false} headingLevel={4} />
        </details>
      )}
      <button type="button" disabled={handoffBusy.value} onClick={() => void closeCallback(ticket.ticketNumber)}>
        {t('console.takeover.closeCallback')}
      </button>
    </li>
  );
}

/** The people who asked for an agent in the widget, first come first, and the callback requests left meanwhile. */
export function QueuePanel() {
  usePolling(() => (live.value ? Promise.resolve() : refreshQueue()), queueIntervalMs);
  const { waiting, callbacks } = queue.value;
  return (
    <section class="queue" aria-labelledby="queue-title">
      <h2 id="queue-title">{t('console.takeover.queueTitle')}</h2>
      {/* Announced when someone joins or leaves, so an agent working elsewhere on the page hears it. */}
      <p class="queue-count" role="status">
        {t('console.takeover.waitingCount', { waiting: waiting.length, callbacks: callbacks.length })}
      </p>
      {notice.value && (
        <p class="notice" role="status">
          {notice.value}
        </p>
      )}
      {[claimRefusal.value, queueProblem.value]
        .filter((text) => text !== '')
        .map((text) => (
          <p key={text} class="problem" role="alert">
            {text}
          </p>
        ))}
      {waiting.length === 0 ? (
        <p class="empty">{t('console.takeover.queueEmpty')}</p>
      ) : (
        <ol class="queue-list">
          {waiting.map((entry) => (
            <WaitingEntry key={entry.conversationId} entry={entry} />
          ))}
        </ol>
      )}
      <h2 id="callbacks-title">{t('console.takeover.callbacksTitle')}</h2>
      {callbacks.length === 0 ? (
        <p class="empty">{t('console.takeover.callbacksEmpty')}</p>
      ) : (
        <ol class="callback-list" aria-labelledby="callbacks-title">
          {callbacks.map((ticket) => (
            <CallbackEntry key={ticket.ticketNumber} ticket={ticket} />
          ))}
        </ol>
      )}
    </section>
  );
}
