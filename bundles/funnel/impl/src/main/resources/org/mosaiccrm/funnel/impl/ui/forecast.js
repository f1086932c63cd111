// The forecast (/funnel/forecast): per month or quarter and per owner, team or stage, the count
// of deals, their amount, the amount weighted by probability and what was won, one table per
// currency (amounts in different currencies are never added). The figures are the server's
// (GET /funnel/forecast); the page only adds each table's total, exactly, in decimal.

import { formAlert, formState, input, tableWrap } from '/ui/shell/kit.js';
import { decimalSum, money, people, pipelines, tabs } from './common.js';

const PERIODS = ['month', 'quarter'];
const GROUPS = ['owner', 'team', 'stage'];
const FILTERS = ['pipelineId', 'from', 'to', 'period', 'groupBy'];

export function forecastView(mosaic) {
  const { html, t, api, navigate, fmt, nothing } = mosaic;
  const asked = Object.fromEntries(FILTERS.map((k) => [k, mosaic.query.get(k) || '']));
  const form = formState('forecast', { ...asked, period: asked.period || 'month', groupBy: asked.groupBy || 'owner' });
  const v = { forecast: null, pipes: null, who: null };

  v.title = () => t('funnel.forecast.title');
  v.load = async () => {
    [v.pipes, v.who] = await Promise.all([pipelines(api), people(mosaic)]);
    const params = new URLSearchParams(Object.entries(asked).filter(([, value]) => value));
    try {
      v.forecast = await api.get(`funnel/forecast?${params}`);
      // The range the server used (this year unless asked otherwise) fills the date inputs.
      form.values.from = form.values.from || v.forecast.from;
      form.values.to = form.values.to || v.forecast.to;
    } catch (e) {
      // A refused filter (a range too long, to before from) is shown next to its input; the form stays usable.
      if (e.status !== 400) throw e;
      form.error = e;
    }
  };

  function apply(event) {
    event.preventDefault();
    const params = new URLSearchParams(FILTERS.map((k) => [k, String(form.values[k] || '').trim()]).filter(([, value]) => value));
    navigate(`/funnel/forecast?${params}`);
  }

  /** What a row's key names: a user, a team or a stage (none: deals without an owner or team). */
  function keyName(groupBy, key) {
    if (!key) return t('funnel.forecast.none');
    if (groupBy === 'owner') return v.who.name(key) || t('funnel.forecast.otherUser');
    if (groupBy === 'team') return v.who.teamName(key) || t('funnel.forecast.otherTeam');
    const stage = v.pipes.stages.get(key);
    return stage ? (v.forecast.pipelineId ? stage.name : `${stage.pipeline.name} › ${stage.name}`) : t('funnel.deal.removedStage');
  }

  function table(currency, rows) {
    const f = v.forecast;
    const sum = (field) => decimalSum(rows.map((r) => r[field]));
    const count = rows.reduce((n, r) => n + r.count, 0);
    return html`<section class="card funnel-forecast" data-currency=${currency} aria-labelledby=${`funnel-forecast-${currency}`}>
      <h2 id=${`funnel-forecast-${currency}`}>${t('funnel.forecast.inCurrency', { currency })}</h2>
      ${tableWrap(mosaic, t('funnel.forecast.inCurrency', { currency }), html`<table class="kit-cards">
        <thead><tr><th scope="col">${t('funnel.forecast.period')}</th><th scope="col">${t(`funnel.forecast.groupBy.${f.groupBy}`)}</th>
          <th scope="col">${t('funnel.forecast.count')}</th><th scope="col">${t('funnel.field.amount')}</th>
          <th scope="col">${t('funnel.field.weighted')}</th><th scope="col">${t('funnel.forecast.won')}</th></tr></thead>
        <tbody>${rows.map((r) => html`<tr data-period=${r.period} data-key=${r.key || ''}>
          <td data-label=${t('funnel.forecast.period')}>${r.period}</td>
          <td data-label=${t(`funnel.forecast.groupBy.${f.groupBy}`)}>${keyName(f.groupBy, r.key)}</td>
          <td data-label=${t('funnel.forecast.count')} data-figure="count">${fmt.number(r.count)}</td>
          <td data-label=${t('funnel.field.amount')} data-figure="amount">${money(mosaic, r.amount, currency)}</td>
          <td data-label=${t('funnel.field.weighted')} data-figure="weighted">${money(mosaic, r.weighted, currency)}</td>
          <td data-label=${t('funnel.forecast.won')} data-figure="won">${money(mosaic, r.won, currency)}</td></tr>`)}</tbody>
        <tfoot><tr data-total>
          <th scope="row" colspan="2">${t('funnel.forecast.total')}</th>
          <td data-figure="count">${fmt.number(count)}</td><td data-figure="amount">${money(mosaic, sum('amount'), currency)}</td>
          <td data-figure="weighted">${money(mosaic, sum('weighted'), currency)}</td><td data-figure="won">${money(mosaic, sum('won'), currency)}</td>
        </tr></tfoot>
      </table>`)}
    </section>`;
  }

  function results() {
    if (!v.forecast) return nothing;
    const byCurrency = new Map();
    for (const row of v.forecast.periods) {
      if (!byCurrency.has(row.currency)) byCurrency.set(row.currency, []);
      byCurrency.get(row.currency).push(row);
    }
    if (!byCurrency.size) return html`<p id="funnel-forecast-empty">${t('funnel.forecast.empty')}</p>`;
    return html`${[...byCurrency.keys()].sort().map((currency) => table(currency, byCurrency.get(currency)))}`;
  }

  v.render = () => html`${tabs(mosaic, 'forecast')}
    <p>${t('funnel.forecast.intro')}</p>
    <form class="card funnel-filters" role="search" id="funnel-forecast-filters" aria-label=${t('funnel.forecast.filter')} @submit=${apply}>
      ${formAlert(mosaic, form, FILTERS)}
      ${input(mosaic, form, 'pipelineId', t('funnel.field.pipeline'), { type: 'select',
        options: [['', t('funnel.filter.anyPipeline')], ...v.pipes.items.map((p) => [p.id, p.name])] })}
      ${input(mosaic, form, 'from', t('funnel.forecast.from'), { type: 'date' })}
      ${input(mosaic, form, 'to', t('funnel.forecast.to'), { type: 'date' })}
      ${input(mosaic, form, 'period', t('funnel.forecast.period'), { type: 'select', options: PERIODS.map((p) => [p, t(`funnel.forecast.per.${p}`)]) })}
      ${input(mosaic, form, 'groupBy', t('funnel.forecast.group'), { type: 'select',
        options: GROUPS.map((g) => [g, t(`funnel.forecast.groupBy.${g}`)]) })}
      <div class="kit-actions"><button type="submit" class="primary">${t('funnel.forecast.show')}</button></div>
    </form>
    ${results()}`;
  return v;
}
