import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';

/**
 * A labelled text box that hands its words on with Enter (Shift+Enter for a new line) or the button, keeps them when
 * they were not taken, and gives the focus back for the next line: the agent's hands stay on the keyboard.
 */
export function SendBox(props: {
  id: string;
  class: string;
  label: string;
  placeholder: string;
  button: string;
  buttonClass?: string;
  disabled: boolean;
  send: (text: string) => Promise<boolean>;
}) {
  const text = useSignal('');
  const input = useRef<HTMLTextAreaElement>(null);
  useEffect(() => input.current?.focus(), []);
  const submit = async (event: Event) => {
    event.preventDefault();
    if (text.value.trim() === '') return;
    if (await props.send(text.value.trim())) text.value = '';
    input.current?.focus();
  };
  return (
    <form class={props.class} onSubmit={submit}>
      <label for={props.id}>{props.label}</label>
      <textarea
        id={props.id}
        ref={input}
        rows={2}
        placeholder={props.placeholder}
        value={text.value}
        disabled={props.disabled}
        onInput={(event) => (text.value = event.currentTarget.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && !event.shiftKey) void submit(event);
        }}
      />
      <button type="submit" class={props.buttonClass} disabled={props.disabled}>
        {props.button}
      </button>
    </form>
  );
}
