import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { InsightsReport } from '../../insights/insightsReport.js';
import { api } from './api.js';
import { t } from './words.js';

type Region = { code: string; name: string };
type Answer = { report: InsightsReport; regions: Region[] };

const dayMs = 86_400_000;
/** Today and earlier days in China (UTC+8), as the server counts them. */
const chinaDay = (offsetDays = 0) => new Date(Date.now() + 8 * 3_600_000 - offsetDays * dayMs).toISOString().slice(0, 10);
const palette = ['#1f5fbf', '#e07b39', '#3c9a5f', '#b3261e', '#7a4fbf', '#c9a227', '#2a9bb3', '#8c564b', '#d45d9b', '#5b6b7f', '#9cb83b', '#3b4cc0', '#c0603b', '#2f7f6f'];

function stepLabel(step: string): string {
  return t(`editor.insights.step.${step}`);
}

/** The region to show, or every region: the insights' and the inbox's filter. */
export function RegionSelect(props: { name: string; regions: readonly Region[]; value: string; onChange: (code: string) => void }) {
  return (
    <label>
      {t('editor.insights.region')}{' '}
      <select name={props.name} value={props.value} onChange={(event) => props.onChange(event.currentTarget.value)}>
        <option value="">{t('editor.insights.allRegions')}</option>
        {props.regions.map((option) => (
          <option key={option.code} value={option.code}>
            {option.name}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The funnel as horizontal bars, each with its count and the people lost since the step before. */
function FunnelChart({ report }: { report: InsightsReport }) {
  const top = Math.max(1, ...report.funnel.map((step) => step.count));
  const rowHeight = 26;
  const labelWidth = 130;
  const barWidth = 420;
  return (
    <svg role="img" aria-label={t('editor.insights.funnel.title')} data-testid="funnel-chart" width={labelWidth + barWidth + 110} height={report.funnel.length * rowHeight + 4} class="chart">
      {report.funnel.map((step, index) => {
        const y = index * rowHeight + 2;
        const width = Math.round((step.count / top) * barWidth);
        return (
          <g key={step.step} data-step={step.step}>
            <text x={labelWidth - 6} y={y + 17} text-anchor="end">
              {stepLabel(step.step)}
            </text>
            <rect x={labelWidth} y={y + 3} width={Math.max(width, 1)} height={rowHeight - 8} fill="#1f5fbf" rx="2" />
            <text x={labelWidth + Math.max(width, 1) + 6} y={y + 17} data-testid={`funnel-count-${step.step}`}>
              {step.count}
              {step.dropOff > 0 ? `（${t('editor.insights.funnel.dropOff', { count: step.dropOff })}）` : ''}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** Answered FAQ questions per day, stacked by topic. */
function TopicsChart({ report }: { report: InsightsReport }) {
  if (report.topicsByDay.length === 0) return <p class="meta">{t('editor.insights.topics.none')}</p>;
  const totals = report.days.map((_, day) => report.topicsByDay.reduce((sum, topic) => sum + (topic.counts[day] ?? 0), 0));
  const top = Math.max(1, ...totals);
  const height = 160;
  const step = Math.max(6, Math.min(28, Math.floor(600 / report.days.length)));
  const width = report.days.length * step + 40;
  return (
    <div>
      <svg role="img" aria-label={t('editor.insights.topics.title')} data-testid="topics-chart" width={width} height={height + 24} class="chart">
        {report.days.map((day, index) => {
          let y = height;
          return (
            <g key={day}>
              {report.topicsByDay.map((topic, topicIndex) => {
                const count = topic.counts[index] ?? 0;
                const barHeight = (count / top) * (height - 10);
                y -= barHeight;
                return count === 0 ? null : (
                  <rect key={topic.topic} x={30 + index * step} y={y} width={step - 2} height={barHeight} fill={palette[topicIndex % palette.length]}>
                    <title>{`${day} ${t(`editor.insights.topic.${topic.topic}`)} ${count}`}</title>
                  </rect>
                );
              })}
              {(index === 0 || index === report.days.length - 1) && (
                <text x={30 + index * step} y={height + 16} font-size="11">
                  {day.slice(5)}
                </text>
              )}
            </g>
          );
        })}
        <text x="0" y="12" font-size="11">
          {top}
        </text>
      </svg>
      <ul class="legend">
        {report.topicsByDay.map((topic, index) => (
          <li key={topic.topic}>
            <span class="swatch" style={{ background: palette[index % palette.length] }} /> {t(`editor.insights.topic.${topic.topic}`)} {topic.counts.reduce((sum, count) => sum + count, 0)}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function InsightsPage() {
  const from = useSignal(chinaDay(29));
  const to = useSignal(chinaDay(0));
  const region = useSignal('');
  const answer = useSignal<Answer | null>(null);
  const failed = useSignal('');
  const load = async () => {
    const query = new URLSearchParams({ from: from.value, to: to.value, ...(region.value ? { region: region.value } : {}) });
    const result = await api<Answer>('GET', `/api/v1/editor/insights?${query.toString()}`);
    if (result.ok) {
      answer.value = result.body;
      failed.value = '';
    } else failed.value = result.message;
  };
  useEffect(() => {
    void load();
  }, []);
  const data = answer.value;
  const regionName = (code: string | null) => (code === null ? t('editor.insights.noRegion') : (data?.regions.find((candidate) => candidate.code === code)?.name ?? code));
  return (
    <main class="page" data-testid="insights-page">
      <h2>{t('editor.insights.title')}</h2>
      <form
        class="row"
        onSubmit={(event) => {
          event.preventDefault();
          void load();
        }}
      >
        <label>
          {t('editor.insights.from')} <input type="date" name="from" value={from.value} onInput={(event) => (from.value = event.currentTarget.value)} />
        </label>
        <label>
          {t('editor.insights.to')} <input type="date" name="to" value={to.value} onInput={(event) => (to.value = event.currentTarget.value)} />
        </label>
        <RegionSelect name="region" regions={data?.regions ?? []} value={region.value} onChange={(code) => (region.value = code)} />
        <button type="submit" class="primary">
          {t('editor.insights.show')}
        </button>
      </form>
      {failed.value && <p class="message error">{failed.value}</p>}
      {data === null ? (
        <p class="meta">{t('editor.insights.loading')}</p>
      ) : (
        <div class="cards">
          <section class="card wide">
            <h3>{t('editor.insights.funnel.title')}</h3>
            {data.report.funnel[0]?.count === 0 ? <p class="meta">{t('editor.insights.funnel.empty')}</p> : <FunnelChart report={data.report} />}
          </section>
          <section class="card">
            <h3>{t('editor.insights.slots.title')}</h3>
            <table data-testid="slots-table">
              <thead>
                <tr>
                  <th>{t('editor.insights.slots.slot')}</th>
                  <th>{t('editor.insights.slots.filled')}</th>
                  <th>{t('editor.insights.slots.invalid')}</th>
                  <th>{t('editor.insights.slots.corrected')}</th>
                </tr>
              </thead>
              <tbody>
                {data.report.slots.map((slot) => (
                  <tr key={slot.slot} data-slot={slot.slot}>
                    <td>{stepLabel(slot.slot)}</td>
                    <td>{slot.filled}</td>
                    <td class={slot.invalid > 0 ? 'warn' : ''}>{slot.invalid}</td>
                    <td>{slot.corrected}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <section class="card">
            <h3>{t('editor.insights.setbacks.title')}</h3>
            <dl>
              {(['cancelled', 'filingRefused', 'queued', 'rejected'] as const).map((key) => (
                <div key={key} class="figure">
                  <dt>{t(`editor.insights.setbacks.${key}`)}</dt>
                  <dd>{data.report.setbacks[key]}</dd>
                </div>
              ))}
            </dl>
            <h3>{t('editor.insights.handoffs.title')}</h3>
            <dl data-testid="handoffs">
              {(['queued', 'hotline', 'offered'] as const).map((key) => (
                <div key={key} class="figure">
                  <dt>{t(`editor.insights.handoffs.${key}`)}</dt>
                  <dd>{data.report.handoffs[key]}</dd>
                </div>
              ))}
            </dl>
            <h3>{t('editor.insights.outcomes.title')}</h3>
            <dl>
              {Object.entries(data.report.outcomes).map(([outcome, count]) => (
                <div key={outcome} class="figure">
                  <dt>{t(`editor.insights.outcome.${outcome}`)}</dt>
                  <dd>{count}</dd>
                </div>
              ))}
            </dl>
          </section>
          <section class="card wide">
            <h3>{t('editor.insights.topics.title')}</h3>
            <TopicsChart report={data.report} />
            <h3>{t('editor.insights.topics.byRegion')}</h3>
            {data.report.topicsByRegion.length > 0 && (
              <table>
                <thead>
                  <tr>
                    <th>{t('editor.insights.region')}</th>
                    {data.report.topicsByDay.map((topic) => (
                      <th key={topic.topic}>{t(`editor.insights.topic.${topic.topic}`)}</th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {data.report.topicsByRegion.map((row) => (
                    <tr key={row.region ?? ''}>
                      <td>{regionName(row.region)}</td>
                      {data.report.topicsByDay.map((topic) => (
                        <td key={topic.topic}>{row.topics[topic.topic] ?? 0}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        </div>
      )}
    </main>
  );
}
