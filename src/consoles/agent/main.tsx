import { useSignal } from '@preact/signals';
import { render } from 'preact';
import { useEffect } from 'preact/hooks';
import { loadStaff, signOut, staff } from '../shared/api.js';
import { ChangePassword, SignIn } from '../shared/SignIn.js';
import { loadWords, pageData, t } from '../shared/words.js';
import { busy, call, problem, startCall } from './callActions.js';
import { CallWorkspace } from './CallWorkspace.js';
import { held } from './handoffActions.js';
import { openLiveQueue } from './liveQueue.js';
import { QueuePanel } from './QueuePanel.js';
import { TakeoverWorkspace } from './TakeoverWorkspace.js';

type RegionOption = { code: string; name: string };

function StartCall() {
  const regions = pageData<RegionOption[]>('console-regions', []);
  const region = useSignal(regions[0]?.code ?? '');
  return (
    <section class="start">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void startCall(region.value);
        }}
      >
        <h2>{t('console.agent.startTitle')}</h2>
        <label>
          {t('console.agent.callerRegion')}
          <select name="region" autofocus value={region.value} onChange={(event) => (region.value = event.currentTarget.value)}>
            {regions.map((option) => (
              <option key={option.code} value={option.code}>
                {option.name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" class="primary" disabled={busy.value}>
          {t('console.agent.startCall')}
        </button>
        {problem.value && <p class="problem">{problem.value}</p>}
      </form>
    </section>
  );
}

/** Between calls: take a phone call, or a widget chat from the queue. */
function Home() {
  return (
    <main class="home">
      <StartCall />
      <QueuePanel />
    </main>
  );
}

/** The live queue, open while an agent is signed in (even on a phone call: an open console is a present agent). */
function LiveQueue() {
  useEffect(openLiveQueue, []);
  return null;
}

function App() {
  useEffect(() => {
    void loadStaff('/api/v1/agent/whoami');
  }, []);
  const member = staff.value;
  if (member === undefined) return <p class="loading">{t('console.staff.loading')}</p>;
  // The agent whoami admits every staff role, so 'forbidden' does not occur here; it is treated as signed out.
  if (member === null || member === 'forbidden') return <SignIn title={t('console.agent.title')} />;
  if (member.mustChangePassword) return <ChangePassword />;
  return (
    <>
      <LiveQueue />
      <header class="top">
        <h1>{t('console.agent.title')}</h1>
        {call.value && <span class="on-call">{t('console.agent.onCall', { region: call.value.region.name })}</span>}
        <span class="who">{t('console.staff.signedInAs', { login: member.login })}</span>
        <button type="button" class="link" onClick={() => void signOut()}>
          {t('console.staff.signOut')}
        </button>
      </header>
      {call.value ? <CallWorkspace /> : held.value ? <TakeoverWorkspace /> : <Home />}
      <footer class="keys">{t('console.agent.keys')}</footer>
    </>
  );
}

loadWords();
const root = document.getElementById('console');
if (root) render(<App />, root);
