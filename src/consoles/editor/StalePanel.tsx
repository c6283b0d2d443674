import { useEffect } from 'preact/hooks';
import { loadStale, stale } from './answerDiffState.js';
import { linkTo } from './contentLink.js';
import { selected } from './editorState.js';
import { t } from './words.js';

/** Region facts and sources last verified longer ago than CONTENT_STALE_DAYS, each a link into the editor. */
export function StalePanel() {
  const current = selected.value;
  const number = current?.version.number ?? null;
  useEffect(() => {
    if (number !== null) void loadStale();
  }, [number]);
  if (current === null) return null;
  const state = stale.value;
  const shown = state.version === current.version.number;
  return (
    <section aria-labelledby="stale-title" data-testid="stale">
      <h2 id="stale-title">{t('editor.ui.stale.title', { days: state.days })}</h2>
      <div class="row">
        <button type="button" onClick={() => void loadStale()} disabled={state.loading}>
          {t('editor.ui.stale.refresh')}
        </button>
        {state.loading && <span class="meta">{t('editor.ui.stale.loading')}</span>}
      </div>
      {shown && state.regions.length === 0 && <p class="meta">{t('editor.ui.stale.none', { days: state.days })}</p>}
      {shown &&
        state.regions.map((region) => (
          <div key={region.file} class="stale-region">
            <h3>{t('editor.ui.stale.region', { name: region.name, code: region.code, file: region.file })}</h3>
            <ul>
              {region.facts.map((fact) => (
                <li key={fact.path} data-fact={`${region.code}:${fact.fact}`}>
                  <a href={linkTo(current.version.number, region.file, fact.path)}>{t('editor.ui.stale.fact', { fact: fact.fact, sources: fact.sources.join(t('editor.ui.answerDiff.regions.separator')), verified: fact.verified, days: fact.days })}</a>
                </li>
              ))}
              {region.sources.map((source) => (
                <li key={source.path} data-source={`${region.code}:${source.id}`}>
                  <a href={linkTo(current.version.number, region.file, source.path)}>{t('editor.ui.stale.source', { id: source.id, title: source.title, tier: source.tier, verified: source.verified, days: source.days })}</a>
                </li>
              ))}
            </ul>
          </div>
        ))}
    </section>
  );
}
