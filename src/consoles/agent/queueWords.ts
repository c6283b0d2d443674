import type { FormView } from '../../engine/state.js';
import { pageData, t } from '../shared/words.js';

type RegionOption = { code: string; name: string };
let regionNames: Map<string, string> | undefined;

/** The region's name: from the page's list of regions, else the form's own wording of it. */
export function regionLabel(code: string | null, form: FormView): string {
  regionNames ??= new Map(pageData<RegionOption[]>('console-regions', []).map((option) => [option.code, option.name]));
  return (code === null ? undefined : regionNames.get(code)) ?? form?.slots['region'] ?? t('console.takeover.unknownRegion');
}

export function waitedText(seconds: number): string {
  const time =
    seconds < 60
      ? t('console.takeover.seconds', { seconds })
      : t('console.takeover.minutes', {
          minutes: Math.floor(seconds / 60),
          seconds: seconds % 60,
        });
  return t('console.takeover.waited', { time });
}

/** How far the person got: the flow's phase, or the form's status once it is past its questions. */
export function progressText(form: FormView): string {
  if (form === null) return t('console.takeover.noForm');
  if (form.progress !== null) return t('console.takeover.progress', { ...form.progress });
  return t('console.takeover.formStatus', {
    status: t(`console.agent.status.${form.status}`),
  });
}
