// Dashboards (/analytics, /analytics/dashboards/<id>): the user's own and the shared ones; a
// dashboard's grid of widgets, each its metric (or a pipeline's conversion) over its period,
// with the dashboard's period applied to all; widgets added and removed in place. The figures
// are the server's, for the reader's reach; the page draws them.

import { combobox, conflictBox, confirmDialog, errorBox, formAlert, formState, input, setChoice, submit, userName, userSearch } from '/ui/shell/kit.js';
import { csvLink, decimalSum, percent, tabs } from './common.js';
import { draw, metricSeries } from './charts.js';

const TYPES = ['number', 'line', 'bar', 'stackedBar', 'funnel', 'table'];
const PERIODS = ['last7days', 'last30days', 'last90days', 'last12months', 'thisMonth', 'thisQuarter', 'thisYear'];
const BUCKETS = ['day', 'week', 'month', 'quarter'];

export function dashboardsView(mosaic, redraw) {
  const { html, t, api, navigate, can } = mosaic;
  const form = formState('dashboard', { name: '', shared: false });
  const v = { items: [] };
  v.title = () => t('analytics.dashboards');
  v.load = async () => {
    v.items = (await api.get('analytics/dashboards')).items;
  };
  const create = (e) => {
    e.preventDefault();
    submit(form, redraw, async () => {
      const created = await api.post('analytics/dashboards', { name: form.values.name, shared: !!form.values.shared });
      navigate(`/analytics/dashboards/${created.id}`);
    });
  };
  v.render = () => html`${tabs(mosaic, '/analytics')}
    <section class="card"><h2>${t('analytics.dashboards.list')}</h2>
      ${v.items.length ? html`<ul class="analytics-dashboards">${v.items.map((d) => html`<li>
        <a href=${`/analytics/dashboards/${d.id}`}>${d.name}</a>
        <span class="hint">${d.shared ? t('analytics.dashboard.shared') : t('analytics.dashboard.personal')} ·
          ${t('analytics.dashboard.widgets', { count: d.widgets.length })}</span></li>`)}</ul>`
        : html`<p>${t('analytics.dashboards.none')}</p>`}</section>
    <form class="card" @submit=${create}><h2>${t('analytics.dashboard.new')}</h2>
      ${formAlert(mosaic, form, ['name', 'shared'])}
      ${input(mosaic, form, 'name', t('analytics.field.name'), { required: true })}
      ${can('analytics.admin') ? input(mosaic, form, 'shared', t('analytics.dashboard.shareWithAll'), { type: 'checkbox' }) : mosaic.nothing}
      <button class="primary" ?disabled=${form.busy}>${t('analytics.dashboard.create')}</button></form>`;
  return v;
}

export const dashboardView = (id) => (mosaic, redraw, alive) => {
  const { html, t, api, navigate, can, ref } = mosaic;
  const v = { dashboard: null, metrics: [], pipelines: [], data: new Map(), errors: new Map(), names: new Map() };
  const widgetForm = formState('widget', { type: 'line', metric: '', pipelineId: '', period: 'last12months', bucket: 'month', dimension: '',
    title: '', compare: false, pinned: false });
  const filterForm = formState('filter', { period: '', ownerId: '' });
  const keeper = () => v.dashboard && (!v.dashboard.shared || can('analytics.admin'));

  async function loadData() {
    await Promise.all(v.dashboard.widgets.map(async (w) => {
      if (!w.available) return;
      try {
        v.data.set(w.id, await api.get(`analytics/dashboards/${id}/widgets/${w.id}/data`));
        v.errors.delete(w.id);
      } catch (e) {
        v.errors.set(w.id, e);
      }
    }));
    const owners = new Set();
    for (const answer of v.data.values()) {
      if (answer.dimension === 'owner') [answer.current, answer.previous].filter(Boolean).forEach((f) => f.points.forEach((p) => owners.add(p.key)));
    }
    await Promise.all([...owners].filter((o) => o && !v.names.has(o)).map(async (o) => {
      v.names.set(o, (await userName(api, o)) || o.slice(0, 8));
    }));
  }

  v.title = () => (v.dashboard ? v.dashboard.name : t('analytics.dashboards'));
  v.load = async () => {
    v.dashboard = await api.get(`analytics/dashboards/${id}`);
    const filters = v.dashboard.filters || {};
    filterForm.values.period = filters.period || '';
    setChoice(filterForm, 'ownerId', filters.ownerId, filters.ownerId ? (await userName(api, filters.ownerId)) || filters.ownerId.slice(0, 8) : '');
    v.metrics = (await api.get('analytics/metrics')).items;
    try {
      v.pipelines = (await api.get('funnel/pipelines')).items;
    } catch (e) {
      v.pipelines = [];
    }
    await loadData();
  };

  function nameOf(key) {
    return v.names.get(key) || key.slice(0, 8);
  }

  async function save(changes) {
    v.dashboard = await api.patch(`analytics/dashboards/${id}`, { ...changes, version: v.dashboard.version });
    v.data.clear();
    await loadData();
  }

  const addWidget = (e) => {
    e.preventDefault();
    const f = widgetForm.values;
    const widget = { type: f.type, period: f.period, title: f.title || undefined, compare: f.type === 'number' && !!f.compare,
      pinned: !!f.pinned };
    if (f.type === 'funnel') widget.pipelineId = f.pipelineId;
    else widget.metric = f.metric;
    if (f.type !== 'number' && f.type !== 'funnel' && f.bucket) widget.bucket = f.bucket;
    if (f.dimension && f.type !== 'funnel') widget.dimension = f.dimension;
    const widgets = v.dashboard.widgets.map(stored);
    submit(widgetForm, redraw, () => save({ widgets: [...widgets, widget] }), { versioned: true });
  };

  /** A widget as the server takes it back (its id kept). */
  function stored(w) {
    const out = { id: w.id, type: w.type, period: w.period, compare: w.compare, width: w.width, pinned: w.pinned };
    for (const k of ['title', 'metric', 'pipelineId', 'bucket', 'dimension', 'from', 'to']) if (w[k]) out[k] = w[k];
    if (w.filters && Object.keys(w.filters).length) out.filters = w.filters;
    return out;
  }

  async function remove(w) {
    try {
      await save({ widgets: v.dashboard.widgets.filter((x) => x.id !== w.id).map(stored) });
    } catch (e) {
      v.failure = e;
    }
    redraw();
  }

  /** Pins the widget to the start page, or takes it off. */
  async function pin(w) {
    try {
      await save({ widgets: v.dashboard.widgets.map((x) => (x.id === w.id ? { ...stored(x), pinned: !x.pinned } : stored(x))) });
    } catch (e) {
      v.failure = e;
    }
    redraw();
  }

  const applyFilter = (e) => {
    e.preventDefault();
    // The period and owner chosen here; a team or chosen days set through the API are kept.
    const before = v.dashboard.filters || {};
    const next = {};
    const period = filterForm.values.period;
    if (period === 'custom') Object.assign(next, { period, from: before.from, to: before.to });
    else if (period) next.period = period;
    if (filterForm.values.ownerId) next.ownerId = filterForm.values.ownerId;
    if (before.teamId) next.teamId = before.teamId;
    submit(filterForm, redraw, () => save({ filters: next }), { versioned: true });
  };

  async function deleteDashboard() {
    if (await confirmDialog(mosaic, { title: t('analytics.dashboard.delete'), body: t('analytics.dashboard.deleteBody', { name: v.dashboard.name }),
      confirm: t('analytics.dashboard.delete') })) {
      await api.del(`analytics/dashboards/${id}`);
      navigate('/analytics');
    }
  }

  function total(figures) {
    const byCurrency = new Map();
    for (const p of figures.points) {
      const c = p.currency || '';
      byCurrency.set(c, [...(byCurrency.get(c) || []), p.value]);
    }
    return [...byCurrency].map(([currency, values]) => ({ currency, value: decimalSum(values) }));
  }

  function numberWidget(answer) {
    const now = total(answer.current);
    const before = answer.previous ? total(answer.previous) : [];
    const shown = now.length ? now : [{ currency: '', value: '0' }];
    return html`<div class="analytics-number">${shown.map((n) => {
      const prev = before.find((b) => b.currency === n.currency);
      const change = prev && Number(prev.value) !== 0 ? (Number(n.value) - Number(prev.value)) / Math.abs(Number(prev.value)) : null;
      return html`<p><strong>${n.currency ? mosaic.fmt.money(n.value, n.currency) : mosaic.fmt.number(Number(n.value))}</strong>
        ${answer.previous ? html`<span class="hint">${t('analytics.widget.previous', {
          value: prev ? (n.currency ? mosaic.fmt.money(prev.value, n.currency) : mosaic.fmt.number(Number(prev.value))) : '0' })}
          ${change === null ? mosaic.nothing : html` (${change >= 0 ? '+' : ''}${percent(mosaic, change)})`}</span>` : mosaic.nothing}</p>`;
    })}</div>`;
  }

  function tableWidget(answer) {
    const rows = answer.current.points;
    return html`<div class="table-wrap"><table><thead><tr><th scope="col">${t('analytics.widget.bucket')}</th>
      <th scope="col">${t('analytics.widget.key')}</th><th scope="col">${t('analytics.widget.value')}</th></tr></thead>
      <tbody>${rows.map((p) => html`<tr><td>${p.bucket || '∑'}</td><td>${p.key ? nameOf(p.key) : '–'}</td>
        <td>${p.currency ? mosaic.fmt.money(p.value, p.currency) : mosaic.fmt.number(Number(p.value))}</td></tr>`)}</tbody></table></div>`;
  }

  function chartOption(w, answer) {
    if (w.type === 'funnel') {
      return { series: [{ type: 'funnel', sort: 'none', left: '10%', width: '80%',
        data: answer.stages.map((s) => ({ name: `${s.name} (${s.entered})`, value: s.entered })) }] };
    }
    const { axis, series } = metricSeries(answer.current, nameOf);
    const type = w.type === 'line' ? 'line' : 'bar';
    return { xAxis: { type: 'category', data: axis }, yAxis: { type: 'value' },
      series: series.map((s) => ({ ...s, type, stack: w.type === 'stackedBar' ? 'all' : undefined })) };
  }

  function widgetBody(w) {
    if (!w.available) return html`<p class="hint">${t('analytics.widget.unavailable')}</p>`;
    if (v.errors.has(w.id)) return errorBox(mosaic, v.errors.get(w.id));
    const answer = v.data.get(w.id);
    if (!answer) return html`<p>${t('shell.loading')}</p>`;
    if (w.type === 'number') return numberWidget(answer);
    if (w.type === 'table') return tableWidget(answer);
    return html`<div class="analytics-chart" role="img" aria-label=${widgetTitle(w)}
      ${ref((el) => { if (el && alive()) draw(el, chartOption(w, answer)); })}></div>`;
  }

  function widgetTitle(w) {
    if (w.title) return w.title;
    if (w.type === 'funnel') return t('analytics.widget.funnel');
    const m = v.metrics.find((x) => x.id === w.metric);
    return m ? m.label : w.metric;
  }

  function widgetCard(w) {
    // The dashboard's period, when it sets one, replaces each widget's.
    const period = (v.dashboard.filters && v.dashboard.filters.period) || w.period;
    return html`<section class=${`card analytics-widget width-${w.width}`} data-widget=${w.id} data-type=${w.type}>
      <h2>${widgetTitle(w)}</h2>
      <p class="hint">${t(`analytics.period.${period}`)}${w.bucket && w.type !== 'number' ? html` · ${t(`analytics.bucket.${w.bucket}`)}` : mosaic.nothing}</p>
      ${widgetBody(w)}
      <p class="kit-actions">${w.available ? csvLink(mosaic, `analytics/dashboards/${id}/widgets/${w.id}/data`) : mosaic.nothing}
        ${keeper() ? html`<button type="button" class="analytics-pin" aria-pressed=${w.pinned ? 'true' : 'false'} @click=${() => pin(w)}>
          ${t(w.pinned ? 'analytics.widget.unpin' : 'analytics.widget.pin')}</button>
          <button type="button" @click=${() => remove(w)}>${t('analytics.widget.remove')}</button>` : mosaic.nothing}</p>
    </section>`;
  }

  function addForm() {
    const f = widgetForm.values;
    const metric = v.metrics.find((m) => m.id === f.metric);
    const option = (value, label) => [value, label];
    return html`<form class="card analytics-add" @submit=${addWidget} @change=${() => redraw()}><h2>${t('analytics.widget.add')}</h2>
      ${conflictBox(mosaic, widgetForm, redraw, { reload: async () => { await v.load(); redraw(); } })}
      ${formAlert(mosaic, widgetForm, ['type', 'metric', 'pipelineId', 'period', 'bucket', 'dimension', 'title'])}
      ${input(mosaic, widgetForm, 'type', t('analytics.field.type'), { type: 'select', options: TYPES.map((x) => option(x, t(`analytics.type.${x}`))) })}
      ${f.type === 'funnel'
        ? input(mosaic, widgetForm, 'pipelineId', t('analytics.field.pipeline'), { type: 'select', options: [option('', '–'), ...v.pipelines.map((p) => option(p.id, p.name))] })
        : input(mosaic, widgetForm, 'metric', t('analytics.field.metric'), { type: 'select', options: [option('', '–'), ...v.metrics.map((m) => option(m.id, m.label))] })}
      ${input(mosaic, widgetForm, 'period', t('analytics.field.period'), { type: 'select', options: PERIODS.map((x) => option(x, t(`analytics.period.${x}`))) })}
      ${f.type === 'number' || f.type === 'funnel' ? mosaic.nothing
        : input(mosaic, widgetForm, 'bucket', t('analytics.field.bucket'), { type: 'select', options: BUCKETS.map((x) => option(x, t(`analytics.bucket.${x}`))) })}
      ${metric && f.type !== 'funnel' ? input(mosaic, widgetForm, 'dimension', t('analytics.field.dimension'),
        { type: 'select', options: [option('', '–'), ...metric.dimensions.map((d) => option(d, t(`analytics.dimension.${d}`)))] }) : mosaic.nothing}
      ${f.type === 'number' ? input(mosaic, widgetForm, 'compare', t('analytics.widget.compare'), { type: 'checkbox' }) : mosaic.nothing}
      ${input(mosaic, widgetForm, 'title', t('analytics.field.title'))}
      ${input(mosaic, widgetForm, 'pinned', t('analytics.widget.pinToStart'), { type: 'checkbox' })}
      <button class="primary" ?disabled=${widgetForm.busy}>${t('analytics.widget.addButton')}</button></form>`;
  }

  v.render = () => {
    const d = v.dashboard;
    return html`${tabs(mosaic, '')}
      <p class="hint">${d.shared ? t('analytics.dashboard.shared') : t('analytics.dashboard.personal')}</p>
      ${errorBox(mosaic, v.failure)}
      ${keeper() ? html`<form class="card analytics-filter" @submit=${applyFilter}>
        ${formAlert(mosaic, filterForm, ['period', 'ownerId'])}
        ${input(mosaic, filterForm, 'period', t('analytics.dashboard.period'), { type: 'select',
          options: [['', t('analytics.dashboard.eachOwn')], ...PERIODS.map((x) => [x, t(`analytics.period.${x}`)]),
            ...(d.filters && d.filters.period === 'custom' ? [['custom', `${d.filters.from} – ${d.filters.to}`]] : [])] })}
        ${combobox(mosaic, filterForm, redraw, 'ownerId', t('analytics.dashboard.owner'), { search: userSearch(api), hint: t('analytics.dashboard.ownerHint') })}
        <button ?disabled=${filterForm.busy}>${t('analytics.dashboard.apply')}</button></form>` : mosaic.nothing}
      <div class="analytics-grid">${d.widgets.length ? d.widgets.map(widgetCard) : html`<p>${t('analytics.dashboard.empty')}</p>`}</div>
      ${keeper() ? addForm() : mosaic.nothing}
      ${keeper() ? html`<p class="kit-actions"><button type="button" class="danger" @click=${deleteDashboard}>${t('analytics.dashboard.delete')}</button></p>`
        : mosaic.nothing}
      <p class="hint">${t('analytics.note.reach')}</p>`;
  };
  return v;
};
