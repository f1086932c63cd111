// The analytics pages, below /analytics: the dashboards (dashboards.js), RFM segments, retention
// cohorts and basket rules (customers.js). Charts are drawn by Apache ECharts, served from this
// bundle (charts.js loads it only on pages that draw one).

import { mountView } from '/ui/shell/kit.js';
import { dashboardView, dashboardsView } from './dashboards.js';
import { basketView, cohortsView, rfmView } from './customers.js';

function notFound(mosaic) {
  return {
    title: () => mosaic.t('analytics.title'),
    load: async () => {},
    render: () => mosaic.html`<p>${mosaic.t('kit.notFound')}</p><p><a href="/analytics">${mosaic.t('analytics.dashboards')}</a></p>`,
  };
}

function pageFor(path) {
  const [section, id, ...rest] = path.split('/').filter(Boolean).slice(1);
  if (rest.length) return notFound;
  if (!section) return dashboardsView;
  if (section === 'dashboards' && id) return dashboardView(id);
  if (id) return notFound;
  return { rfm: rfmView, cohorts: cohortsView, basket: basketView }[section] || notFound;
}

export function mount(host, mosaic) {
  return mountView(host, mosaic, pageFor(mosaic.path), { className: 'analytics-page' });
}
