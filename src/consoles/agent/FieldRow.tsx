import { useSignal } from '@preact/signals';
import type { FieldView } from '../../channels/agent/callView.js';
import { t } from '../shared/words.js';
import { busy, editField, reveal, revealed } from './callActions.js';

/** One slot of the caller's form: its state (filled / missing / invalid with the reason), and a box to type the caller's answer into. */
export function FieldRow(props: {
  label: string;
  field: FieldView;
  person?: 'applicant' | 'current';
  options?: string[];
  pending: boolean;
  editable: boolean;
}) {
  const { field } = props;
  const draft = useSignal('');
  const fieldName = field.slot.split('.')[1] as 'idNumber' | 'phone' | string;
  const revealKey = `${props.person}.${fieldName}`;
  const shown = revealed.value[revealKey] ?? field.value;
  const listId = props.options ? `options-${field.slot}` : undefined;

  const submit = async (event: Event) => {
    event.preventDefault();
    if (draft.value.trim() === '') return;
    if (await editField(field.slot, draft.value.trim())) draft.value = '';
  };

  return (
    <form class={`field ${field.state}${props.pending ? ' pending' : ''}`} onSubmit={submit} data-slot={field.slot}>
      <span class="label">{props.label}</span>
      <span class={`badge ${field.state}`}>{t(`console.agent.field.${field.state}`)}</span>
      <span class="value">
        {shown ?? ''}
        {field.revealable && props.person && revealed.value[revealKey] === undefined && (
          <button type="button" class="link" onClick={() => reveal(props.person!, fieldName as 'idNumber' | 'phone')}>
            {t('console.agent.reveal')}
          </button>
        )}
      </span>
      {props.editable && (
        <input
          aria-label={t('console.agent.editField', { field: props.label })}
          placeholder={t('console.agent.editPlaceholder')}
          value={draft.value}
          list={listId}
          disabled={busy.value}
          onInput={(event) => (draft.value = event.currentTarget.value)}
        />
      )}
      {props.options && (
        <datalist id={listId}>
          {props.options.map((option) => (
            <option value={option} key={option} />
          ))}
        </datalist>
      )}
      {field.state === 'invalid' && field.reason && (
        <span class="reason" role="alert">
          {field.reason}
        </span>
      )}
    </form>
  );
}
