import { useSignal } from '@preact/signals';
import { api, staff, type StaffMember } from './api.js';
import { t } from './words.js';

/** The staff sign-in page, and the password change a one-time password leads to. Shared by every console. */
export function SignIn(props: { title: string }) {
  const login = useSignal('');
  const password = useSignal('');
  const problem = useSignal('');
  const busy = useSignal(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    busy.value = true;
    const answer = await api<{ staff: StaffMember }>('POST', '/api/v1/staff/signin', { login: login.value, password: password.value });
    busy.value = false;
    if (answer.ok) {
      password.value = '';
      problem.value = '';
      staff.value = answer.body.staff;
    } else {
      problem.value = answer.message || t('console.staff.networkProblem');
    }
  };

  return (
    <main class="signin">
      <form onSubmit={submit} aria-labelledby="signin-title">
        <h1 id="signin-title">{props.title}</h1>
        <label>
          {t('console.staff.login')}
          <input name="login" autocomplete="username" autofocus value={login.value} onInput={(event) => (login.value = event.currentTarget.value)} />
        </label>
        <label>
          {t('console.staff.password')}
          <input
            name="password"
            type="password"
            autocomplete="current-password"
            value={password.value}
            onInput={(event) => (password.value = event.currentTarget.value)}
          />
        </label>
        {problem.value && (
          <p class="problem" role="alert">
            {problem.value}
          </p>
        )}
        <button type="submit" disabled={busy.value}>
          {t('console.staff.signIn')}
        </button>
      </form>
    </main>
  );
}

export function ChangePassword() {
  const current = useSignal('');
  const next = useSignal('');
  const again = useSignal('');
  const problem = useSignal('');

  const submit = async (event: Event) => {
    event.preventDefault();
    if (next.value !== again.value) {
      problem.value = t('console.staff.passwordsDiffer');
      return;
    }
    const answer = await api<{ staff: StaffMember }>('POST', '/api/v1/staff/password', { current: current.value, next: next.value });
    if (answer.ok) staff.value = answer.body.staff;
    else problem.value = answer.message || t('console.staff.networkProblem');
  };

  return (
    <main class="signin">
      <form onSubmit={submit} aria-labelledby="password-title">
        <h1 id="password-title">{t('console.staff.changePasswordTitle')}</h1>
        <p>{t('console.staff.changePasswordHint')}</p>
        <label>
          {t('console.staff.currentPassword')}
          <input
            name="current"
            type="password"
            autocomplete="current-password"
            autofocus
            value={current.value}
            onInput={(event) => (current.value = event.currentTarget.value)}
          />
        </label>
        <label>
          {t('console.staff.newPassword')}
          <input name="next" type="password" autocomplete="new-password" value={next.value} onInput={(event) => (next.value = event.currentTarget.value)} />
        </label>
        <label>
          {t('console.staff.newPasswordAgain')}
          <input name="again" type="password" autocomplete="new-password" value={again.value} onInput={(event) => (again.value = event.currentTarget.value)} />
        </label>
        {problem.value && (
          <p class="problem" role="alert">
            {problem.value}
          </p>
        )}
        <button type="submit">{t('console.staff.changePassword')}</button>
      </form>
    </main>
  );
}
