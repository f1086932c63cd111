// The funnel's pages, below /funnel: the sales board (board.js), deals (deals.js), leads with
// Convert (leads.js), products (products.js), orders (orders.js), the forecast (forecast.js),
// CSV import of leads and orders (importer.js) and, for administrators, pipeline settings
// (settings.js). Everything is the shell's UI kit; common.js holds what the pages share.

import { mountView } from '/ui/shell/kit.js';
import { boardView } from './board.js';
import { dealView, dealsView } from './deals.js';
import { forecastView } from './forecast.js';
import { importView } from './importer.js';
import { leadFormView, leadView, leadsView } from './leads.js';
import { orderView, ordersView } from './orders.js';
import { productView, productsView } from './products.js';
import { pipelineView, pipelinesView } from './settings.js';

function notFound(mosaic) {
  return {
    title: () => mosaic.t('funnel.board.title'),
    load: async () => {},
    render: () => mosaic.html`<p>${mosaic.t('kit.notFound')}</p><p><a href="/funnel">${mosaic.t('funnel.board.title')}</a></p>`,
  };
}

/** Each section's pages: its list (no id), a new record ("new") and a record (its id), and a record's sub-page. */
const SECTIONS = {
  deals: { list: dealsView, record: (id) => dealView(id === 'new' ? null : id) },
  leads: { list: leadsView, record: (id) => (id === 'new' ? leadFormView(null) : leadView(id)), edit: (id) => leadFormView(id) },
  products: { list: productsView, record: (id) => productView(id === 'new' ? null : id) },
  orders: { list: ordersView, record: (id) => (id === 'new' ? notFound : orderView(id)) },
  pipelines: { list: pipelinesView, record: (id) => pipelineView(id === 'new' ? null : id) },
  forecast: { list: forecastView },
  import: { list: importView },
};

function pageFor(path) {
  const [section, id, action, ...rest] = path.split('/').filter(Boolean).slice(1);
  if (!section) return id ? notFound : boardView;
  const pages = SECTIONS[section];
  if (!pages || rest.length) return notFound;
  if (!id) return pages.list;
  if (action) return action === 'edit' && pages.edit && id !== 'new' ? pages.edit(id) : notFound;
  return pages.record ? pages.record(id) : notFound;
}

export function mount(host, mosaic) {
  return mountView(host, mosaic, pageFor(mosaic.path), { className: 'funnel-page' });
}
