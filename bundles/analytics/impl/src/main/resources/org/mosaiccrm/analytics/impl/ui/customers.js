// The customer analyses over the funnel's orders: RFM segments (/analytics/rfm), retention
// cohorts (/analytics/cohorts) and basket rules (/analytics/basket). Each asks the server, which
// counts the orders the user may see; the page draws and lists the answer, and links its CSV.
// The server computes these by a job: the page shows when the answer was computed, waits while
// it is computing (202) or being computed again, and can ask for a new computation.

import { formAlert, formState, input } from '/ui/shell/kit.js';
import { csvLink, percent, ratio, tabs } from './common.js';
import { draw } from './charts.js';

/** Reads a form of filters into the address, so that the answer is linkable and reloads with it. */
function filters(mosaic, names, defaults = {}) {
  const asked = Object.fromEntries(names.map((k) => [k, mosaic.query.get(k) || defaults[k] || '']));
  const query = () => new URLSearchParams(Object.entries(asked).filter(([, v]) => v)).toString();
  return { asked, query };
}

const POLL_MS = 2000;

/**
 * Loads an analysis the server computes by a job, asking again every few seconds while it is
 * computing (202) or a newer answer is (orders changed, or the user asked for it); a refused
 * filter shows next to its input and leaves the page usable.
 */
function computed(mosaic, redraw, alive, form, path, refreshPath) {
  const { html, t } = mosaic;
  const s = { answer: null, computing: false, timer: null };
  async function load() {
    clearTimeout(s.timer);
    try {
      const a = await mosaic.api.get(path, s.computing ? { background: true } : undefined);
      if (a && a.state === 'computing') {
        s.computing = true;
      } else {
        s.answer = a;
        s.computing = Boolean(a && a.refreshing);
      }
    } catch (e) {
      if (e.status !== 400 && e.status !== 404) throw e;
      form.error = e;
      s.answer = null;
      s.computing = false;
    }
    if (s.computing && alive()) s.timer = setTimeout(() => load().catch(() => {}).finally(redraw), POLL_MS);
  }
  s.load = load;
  s.stop = () => clearTimeout(s.timer);
  const refresh = async () => {
    await mosaic.api.post(refreshPath);
    s.computing = true;
    redraw();
    clearTimeout(s.timer);
    s.timer = setTimeout(() => load().catch(() => {}).finally(redraw), POLL_MS);
  };
  /** When the answer was computed, whether orders changed since, and a button to compute it again. */
  s.status = () => html`<p class="analytics-computed" role="status">${s.answer && s.answer.computedAt
    ? t('analytics.computedAt', { time: mosaic.fmt.dateTime(s.answer.computedAt) }) : mosaic.nothing}
    ${s.answer && s.answer.stale ? html` <strong>${t('analytics.stale')}</strong>` : mosaic.nothing}
    ${s.computing ? html` <span class="analytics-computing">${t('analytics.computing')}</span>`
    : html` <button type="button" class="analytics-refresh" @click=${refresh}>${t('analytics.refresh')}</button>`}</p>`;
  return s;
}

function filterForm(mosaic, form, route, names, body) {
  const { html, t, navigate } = mosaic;
  const apply = (e) => {
    e.preventDefault();
    const params = new URLSearchParams(names.map((k) => [k, String(form.values[k] || '').trim()]).filter(([, value]) => value));
    navigate(`${route}?${params}`);
  };
  return html`<form class="card analytics-filter" @submit=${apply}>${formAlert(mosaic, form, names)}${body}
    <button class="primary">${t('analytics.dashboard.apply')}</button></form>`;
}

export function rfmView(mosaic, redraw, alive) {
  const { html, t, ref } = mosaic;
  const names = ['currency', 'asOf'];
  const f = filters(mosaic, names);
  const form = formState('rfm', { ...f.asked });
  const v = computed(mosaic, redraw, alive, form, `analytics/rfm?${f.query()}`, `analytics/rfm/refresh?${f.query()}`);
  v.title = () => t('analytics.rfm.title');
  v.render = () => {
    const a = v.answer;
    return html`${tabs(mosaic, '/analytics/rfm')}
      ${filterForm(mosaic, form, '/analytics/rfm', names, html`${input(mosaic, form, 'currency', t('analytics.field.currency'))}
        ${input(mosaic, form, 'asOf', t('analytics.field.asOf'), { type: 'date' })}`)}
      ${v.status()}
      ${a ? html`<section class="card"><h2>${t('analytics.rfm.segments', { count: a.customers, currency: a.currency || '–' })}</h2>
        <div class="analytics-chart" role="img" aria-label=${t('analytics.rfm.title')} ${ref((el) => el && draw(el, {
          xAxis: { type: 'category', data: a.segments.map((s) => t(`analytics.segment.${s.name.replace(' ', '')}`)) }, yAxis: { type: 'value' },
          series: [{ type: 'bar', name: t('analytics.rfm.customers'), data: a.segments.map((s) => s.customers) }] }))}></div>
        <div class="table-wrap"><table><thead><tr><th scope="col">${t('analytics.rfm.segment')}</th><th scope="col">${t('analytics.rfm.customers')}</th>
          <th scope="col">${t('analytics.rfm.revenue')}</th></tr></thead>
          <tbody>${a.segments.map((s) => html`<tr data-segment=${s.name}><td>${t(`analytics.segment.${s.name.replace(' ', '')}`)}</td>
            <td>${mosaic.fmt.number(s.customers)}</td><td>${a.currency ? mosaic.fmt.money(s.revenue, a.currency) : '–'}</td></tr>`)}</tbody></table></div>
        <p class="kit-actions">${csvLink(mosaic, `analytics/rfm?${f.query()}`)}</p>
        <p class="hint">${t('analytics.rfm.how')}</p></section>` : mosaic.nothing}`;
  };
  return v;
}

export function cohortsView(mosaic, redraw, alive) {
  const { html, t, ref } = mosaic;
  const names = ['currency', 'asOf'];
  const f = filters(mosaic, names);
  const form = formState('cohorts', { ...f.asked });
  const v = computed(mosaic, redraw, alive, form, `analytics/cohorts?${f.query()}`, `analytics/cohorts/refresh?${f.query()}`);
  v.title = () => t('analytics.cohorts.title');
  v.render = () => {
    const a = v.answer;
    const months = a ? Math.max(0, ...a.cohorts.map((c) => c.retained.length)) : 0;
    return html`${tabs(mosaic, '/analytics/cohorts')}
      ${filterForm(mosaic, form, '/analytics/cohorts', names, html`${input(mosaic, form, 'currency', t('analytics.field.currency'))}
        ${input(mosaic, form, 'asOf', t('analytics.field.asOf'), { type: 'date' })}`)}
      ${v.status()}
      ${a ? html`<section class="card"><h2>${t('analytics.cohorts.table')}</h2>
        ${a.cohorts.length ? html`<div class="analytics-chart" role="img" aria-label=${t('analytics.cohorts.title')} ${ref((el) => el && draw(el, {
          xAxis: { type: 'category', data: [...Array(months).keys()].map((m) => t('analytics.cohorts.month', { month: m })) },
          yAxis: { type: 'value', max: 1, axisLabel: { formatter: (x) => `${Math.round(x * 100)} %` } },
          series: a.cohorts.map((c) => ({ type: 'line', name: c.cohort, data: c.retained.map((r) => r / c.size) })) }))}></div>` : mosaic.nothing}
        <div class="table-wrap"><table class="analytics-cohorts"><thead><tr><th scope="col">${t('analytics.cohorts.cohort')}</th>
          <th scope="col">${t('analytics.cohorts.size')}</th>
          ${[...Array(months).keys()].map((m) => html`<th scope="col">${t('analytics.cohorts.month', { month: m })}</th>`)}</tr></thead>
          <tbody>${a.cohorts.map((c) => html`<tr data-cohort=${c.cohort}><th scope="row">${c.cohort}</th><td>${c.size}</td>
            ${c.retained.map((r) => html`<td title=${String(r)}>${percent(mosaic, r / c.size)}</td>`)}</tr>`)}</tbody></table></div>
        <p class="kit-actions">${csvLink(mosaic, `analytics/cohorts?${f.query()}`)}</p>
        <p class="hint">${t('analytics.cohorts.how')}</p></section>` : mosaic.nothing}`;
  };
  return v;
}

export function basketView(mosaic, redraw, alive) {
  const { html, t } = mosaic;
  const names = ['minSupport', 'minConfidence', 'maxLength', 'sort', 'from', 'to'];
  const f = filters(mosaic, names, { minSupport: '0.01', minConfidence: '0.5', maxLength: '3', sort: 'lift' });
  const form = formState('basket', { ...f.asked });
  const v = computed(mosaic, redraw, alive, form, `analytics/basket/rules?${f.query()}`,
    `analytics/basket/rules/refresh?${f.query()}`);
  v.title = () => t('analytics.basket.title');
  const items = (list) => html`${list.map((sku, i) => html`${i ? ' + ' : ''}<code>${sku}</code>`)}`;
  v.render = () => {
    const a = v.answer;
    return html`${tabs(mosaic, '/analytics/basket')}
      ${filterForm(mosaic, form, '/analytics/basket', names, html`
        ${input(mosaic, form, 'minSupport', t('analytics.basket.minSupport'), { hint: t('analytics.basket.minSupportHint') })}
        ${input(mosaic, form, 'minConfidence', t('analytics.basket.minConfidence'))}
        ${input(mosaic, form, 'maxLength', t('analytics.basket.maxLength'), { type: 'number' })}
        ${input(mosaic, form, 'sort', t('analytics.basket.sort'), { type: 'select',
          options: ['lift', 'confidence', 'support', 'count'].map((s) => [s, t(`analytics.basket.${s}`)]) })}
        ${input(mosaic, form, 'from', t('analytics.field.from'), { type: 'date' })}
        ${input(mosaic, form, 'to', t('analytics.field.to'), { type: 'date' })}`)}
      ${v.status()}
      ${a ? html`<section class="card"><h2>${t('analytics.basket.rules', { total: a.total, transactions: a.transactions })}</h2>
        <div class="table-wrap"><table class="analytics-rules"><thead><tr><th scope="col">${t('analytics.basket.antecedent')}</th>
          <th scope="col">${t('analytics.basket.consequent')}</th><th scope="col">${t('analytics.basket.support')}</th>
          <th scope="col">${t('analytics.basket.confidence')}</th><th scope="col">${t('analytics.basket.lift')}</th>
          <th scope="col">${t('analytics.basket.count')}</th></tr></thead>
          <tbody>${a.rules.map((r) => html`<tr><td>${items(r.antecedent)}</td><td>${items(r.consequent)}</td>
            <td>${percent(mosaic, r.support)}</td><td>${percent(mosaic, r.confidence)}</td>
            <td>${ratio(mosaic, r.lift)}</td><td>${r.count}</td></tr>`)}</tbody></table></div>
        <p class="kit-actions">${csvLink(mosaic, `analytics/basket/rules?${f.query()}`)}</p>
        <p class="hint">${t('analytics.basket.how')}</p></section>` : mosaic.nothing}`;
  };
  return v;
}
