import { useSignal } from '@preact/signals';
import type { FormView } from '../../engine/state.js';
import { t } from '../shared/words.js';
import { correctField, handoffBusy } from './handoffActions.js';

const fields = ['relationship', 'name', 'idNumber', 'phone'] as const;
type Field = (typeof fields)[number];

/** One value of the person's form, masked as the API gives it, with a box to correct it when the agent holds the chat. */
function FieldLine(props: { label: string; value: string | undefined; slot: string; member?: number; pending: boolean; issue?: string; editable: boolean }) {
  const draft = useSignal('');
  const submit = async (event: Event) => {
    event.preventDefault();
    if (draft.value.trim() === '') return;
    if (await correctField(props.slot, draft.value.trim(), props.member)) draft.value = '';
  };
  const state = props.value !== undefined ? 'filled' : props.issue ? 'invalid' : 'missing';
  return (
    <form class={`field ${state}${props.pending ? ' pending' : ''}`} data-slot={props.slot} data-member={props.member} onSubmit={submit}>
      <span class="label">{props.label}</span>
      <span class={`badge ${state}`}>{t(`console.agent.field.${state}`)}</span>
      <span class="value">{props.value ?? ''}</span>
      {props.editable && (
        <input
          aria-label={t('console.takeover.correct', { field: props.label })}
          placeholder={t('console.takeover.correctPlaceholder')}
          value={draft.value}
          disabled={handoffBusy.value}
          onInput={(event) => (draft.value = event.currentTarget.value)}
        />
      )}
      {props.pending && <span class="pending-note">{t('console.takeover.pending')}</span>}
      {props.issue && (
        <span class="reason" role="alert">
          {props.issue}
        </span>
      )}
    </form>
  );
}

/**
 * The person's form as it stands: the applicant, each family member added, and the one being filled. Editable only
 * in the held chat; elsewhere (a callback ticket) it is read only.
 */
export function FormFields(props: { form: FormView; editable: boolean; headingLevel?: 3 | 4 }) {
  const { form } = props;
  if (form === null) return <p class="empty">{t('console.takeover.noForm')}</p>;
  const Heading = props.headingLevel === 4 ? 'h4' : 'h3';
  const issue = (slot: string) => form.issues.find((candidate) => candidate.slot === slot)?.message;
  const label = (field: Field) => t(`console.takeover.${field}`);
  // The member being filled exists only while the form is collecting someone's details.
  const current = fields.some((field) => form.slots[`member.${field}`] !== undefined) || form.pending?.startsWith('member.') === true;
  return (
    <div class="form-fields">
      <Heading>{t('console.takeover.applicant')}</Heading>
      {(['name', 'idNumber', 'phone'] as const).map((field) => (
        <FieldLine
          key={field}
          label={label(field)}
          value={form.slots[`applicant.${field}`]}
          slot={`applicant.${field}`}
          pending={form.pending === `applicant.${field}`}
          issue={issue(`applicant.${field}`)}
          editable={props.editable}
        />
      ))}
      {form.members.map((member, index) => (
        <div class="member" key={index} data-member={index}>
          <Heading>
            {t('console.takeover.member', { index: index + 1 })} {member['relationship'] ?? ''} {member['name'] ?? ''}
          </Heading>
          {fields.map((field) => (
            <FieldLine
              key={field}
              label={label(field)}
              value={member[field]}
              slot={`member.${field}`}
              member={index}
              pending={false}
              editable={props.editable}
            />
          ))}
        </div>
      ))}
      {current && (
        <div class="member current">
          <Heading>{t('console.takeover.currentMember')}</Heading>
          {fields.map((field) => (
            <FieldLine
              key={field}
              label={label(field)}
              value={form.slots[`member.${field}`]}
              slot={`member.${field}`}
              pending={form.pending === `member.${field}`}
              issue={issue(`member.${field}`)}
              editable={props.editable}
            />
          ))}
        </div>
      )}
    </div>
  );
}
