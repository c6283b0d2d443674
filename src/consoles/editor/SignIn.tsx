import { useSignal } from '@preact/signals';
import { api, staff, type StaffMember } from './api.js';
import { t } from './words.js';

/** Sign-in through the staff accounts' API (/api/v1/staff/signin), and the password change a one-time password needs. */
export function SignIn() {
  const login = useSignal('');
  const password = useSignal('');
  const problem = useSignal('');
  const submit = async (event: Event) => {
    event.preventDefault();
    const answer = await api<{ staff: StaffMember }>('POST', '/api/v1/staff/signin', { login: login.value, password: password.value });
    if (!answer.ok) {
      problem.value = answer.message;
      return;
    }
    password.value = '';
    const whoami = await api<{ staff: StaffMember }>('GET', '/api/v1/editor/whoami');
    staff.value = whoami.ok ? whoami.body.staff : whoami.status === 403 ? 'forbidden' : null;
  };
  return (
    <main class="signin">
      <form onSubmit={submit}>
        <h1>{t('editor.ui.signin.title')}</h1>
        <label>
          {t('editor.ui.signin.login')}
          <input name="login" autocomplete="username" value={login.value} onInput={(event) => (login.value = event.currentTarget.value)} />
        </label>
        <label>
          {t('editor.ui.signin.password')}
          <input name="password" type="password" autocomplete="current-password" value={password.value} onInput={(event) => (password.value = event.currentTarget.value)} />
        </label>
        {problem.value && <p class="problem" role="alert">{problem.value}</p>}
        <button type="submit" class="primary">{t('editor.ui.signin.submit')}</button>
      </form>
    </main>
  );
}

export function ChangePassword() {
  const current = useSignal('');
  const next = useSignal('');
  const problem = useSignal('');
  const submit = async (event: Event) => {
    event.preventDefault();
    const answer = await api<{ staff: StaffMember }>('POST', '/api/v1/staff/password', { current: current.value, next: next.value });
    if (answer.ok) staff.value = answer.body.staff;
    else problem.value = answer.message;
  };
  return (
    <main class="signin">
      <form onSubmit={submit}>
        <h1>{t('editor.ui.password.title')}</h1>
        <label>
          {t('editor.ui.password.current')}
          <input name="current" type="password" autocomplete="current-password" value={current.value} onInput={(event) => (current.value = event.currentTarget.value)} />
        </label>
        <label>
          {t('editor.ui.password.next')}
          <input name="next" type="password" autocomplete="new-password" value={next.value} onInput={(event) => (next.value = event.currentTarget.value)} />
        </label>
        {problem.value && <p class="problem" role="alert">{problem.value}</p>}
        <button type="submit" class="primary">{t('editor.ui.password.submit')}</button>
      </form>
    </main>
  );
}
