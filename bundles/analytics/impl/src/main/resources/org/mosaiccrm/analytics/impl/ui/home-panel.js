// The analytics panel of the start page: the widgets pinned on the dashboards the user reads
// (their own, and the shared ones), each with its figures for the user's own reach, drawn as on
// the dashboard (a number, or a chart by Apache ECharts) and linked to its dashboard.

import { decimalSum } from './common.js';
import { draw, metricSeries } from './charts.js';

/** A number widget's figure: summed per currency (money is never added across currencies). */
function totals(figures) {
  const byCurrency = new Map();
  for (const p of figures.points) byCurrency.set(p.currency || '', [...(byCurrency.get(p.currency || '') || []), p.value]);
  return [...byCurrency].map(([currency, values]) => ({ currency, value: decimalSum(values) }));
}

export async function mount(card, mosaic) {
  const { html, render, t, api, fmt } = mosaic;
  render(html`<h2>${t('analytics.home.title')}</h2><p aria-busy="true">${t('shell.loading')}</p>`, card);
  const dashboards = (await api.get('analytics/dashboards')).items;
  const pinned = dashboards.flatMap((d) => d.widgets.filter((w) => w.pinned && w.available).map((w) => ({ d, w })));
  const answers = await Promise.all(pinned.map(({ d, w }) => api
    .get(`analytics/dashboards/${encodeURIComponent(d.id)}/widgets/${encodeURIComponent(w.id)}/data`, { quiet: true })
    .catch(() => null)));
  const figure = (w, answer) => {
    if (!answer) return html`<p class="hint">${t('analytics.widget.unavailable')}</p>`;
    if (w.type === 'number') {
      const shown = totals(answer.current);
      return html`<p class="analytics-number">${(shown.length ? shown : [{ currency: '', value: '0' }]).map((n) => html`<strong>
        ${n.currency ? fmt.money(n.value, n.currency) : fmt.number(Number(n.value))}</strong> `)}</p>`;
    }
    const option = w.type === 'funnel'
      ? { series: [{ type: 'funnel', sort: 'none', data: answer.stages.map((s) => ({ name: `${s.name} (${s.entered})`, value: s.entered })) }] }
      : (() => {
        const { axis, series } = metricSeries(answer.current, (key) => key.slice(0, 8));
        return { xAxis: { type: 'category', data: axis }, yAxis: { type: 'value' },
          series: series.map((x) => ({ ...x, type: w.type === 'line' ? 'line' : 'bar', stack: w.type === 'stackedBar' ? 'all' : undefined })) };
      })();
    return html`<div class="analytics-chart" role="img" aria-label=${w.title || w.metric || ''}
      ${mosaic.ref((el) => { if (el) draw(el, option); })}></div>`;
  };
  render(html`<h2>${t('analytics.home.title')}</h2>
    ${pinned.length ? html`<div class="analytics-pinned">${pinned.map(({ d, w }, i) => html`<section class="analytics-widget" data-widget=${w.id}>
      <h3><a href=${`/analytics/dashboards/${d.id}`}>${w.title || w.metric || t('analytics.widget.funnel')}</a></h3>
      ${figure(w, answers[i])}</section>`)}</div>`
    : html`<p>${t('analytics.home.none')} <a href="/analytics">${t('analytics.dashboards')}</a></p>`}`, card);
}
