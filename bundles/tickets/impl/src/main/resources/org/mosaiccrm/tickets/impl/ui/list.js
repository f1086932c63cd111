// /tickets: the tickets the user may see, with filters (status, priority, queue, breached, custom
// fields), sort, paging, each ticket's soonest running SLA due time, marked when a clock is
// breached, its custom fields' values, and the CSV export of the list as filtered.

import {
  countLine, cursorPaging, customFields, customInput, customText, dataTable, filterPanel, filterPanelState, formState, input,
  listPreferences, pageSizePicker, pager,
} from '/ui/shell/kit.js';
import { PAUSING, PRIORITIES, STATUSES, codeOptions, personHref, queues, soonestDue, ticketHref } from './common.js';

const LIMIT = 25;
const SORTS = ['-number', 'number', '-updatedAt', 'subject'];

/** The SLA column: the soonest due time (breached or not), "paused" while the ticket waits, else a dash. */
function slaCell(mosaic, ticket) {
  const { html, t, fmt } = mosaic;
  const { due, breached } = soonestDue(ticket);
  if (due) {
    return html`<span class=${breached ? 'tickets-due breached' : 'tickets-due'} data-breached=${breached ? 'true' : 'false'}>${fmt.dateTime(due)}${
      breached ? html` <strong class="tickets-flag">${t('tickets.sla.breached')}</strong>` : ''}</span>`;
  }
  if (breached) return html`<strong class="tickets-flag" data-breached="true">${t('tickets.sla.breached')}</strong>`;
  if (PAUSING.includes(ticket.status)) return html`<span class="tickets-paused">${t('tickets.sla.paused')}</span>`;
  return '—';
}

export function listView(mosaic, draw) {
  const { html, t, api, navigate, fmt } = mosaic;
  const panel = filterPanelState(draw);
  const v = { page: null, queues: null, fields: [] };
  let paging;
  let form;
  let prefs;

  v.title = () => t('tickets.title');
  v.load = async () => {
    prefs = await listPreferences(mosaic, 'tickets', { pageSize: LIMIT, columns: [] });
    paging = cursorPaging(mosaic.query, '/tickets', prefs.pageSize);
    form = formState('tickets-filter', Object.fromEntries(paging.filters));
    [v.queues, v.page, v.fields] = await Promise.all([queues(api), api.get(`tickets?${paging.request()}`),
      customFields(api, 'tickets', 'ticket')]);
    paging.focusCount();
  };

  async function changePageSize(size) {
    await prefs.save({ pageSize: size });
    const first = paging.jump(1);
    if (first !== location.pathname + location.search) navigate(first);
    else {
      await v.load();
      draw();
    }
  }

  function applyFilters(event) {
    event.preventDefault();
    navigate(paging.filtered(form.values));
  }

  v.render = () => {
    if (!form.values.sort) form.values.sort = SORTS[0];
    const any = (options) => [['', t('tickets.filter.any')], ...options];
    const columns = [
      { label: t('tickets.field.number'), cell: (k) => html`<a href=${ticketHref(k.id)}>#${k.number}</a>`, sort: 'number' },
      { label: t('tickets.field.subject'), cell: (k) => html`<a href=${ticketHref(k.id)}>${k.subject}</a>`, sort: 'subject' },
      { label: t('tickets.field.requester'), cell: (k) => (k.requesterName ? html`<a href=${personHref(k.requesterId)}>${k.requesterName}</a>` : '—') },
      { label: t('tickets.field.status'), cell: (k) => html`<span class=${`tickets-status s-${k.status}`}>${t(`tickets.status.${k.status}`)}</span>` },
      { label: t('tickets.field.priority'), cell: (k) => html`<span class=${`tickets-priority p-${k.priority}`}>${t(`tickets.priority.${k.priority}`)}</span>` },
      { label: t('tickets.field.queue'), cell: (k) => (k.queueId && v.queues.name(k.queueId)) || '—' },
      { label: t('tickets.field.slaDue'), cell: (k) => slaCell(mosaic, k) },
      ...v.fields.map((def) => ({ label: def.label, cell: (k) => customText(mosaic, def, (k.customFields || {})[def.key]) })),
      { label: t('tickets.field.updatedAt'), cell: (k) => fmt.dateTime(k.updatedAt), sort: 'updatedAt' },
    ];
    // The export takes the list's filters and sort as they are applied (not as half typed in the form).
    const exportQuery = new URLSearchParams(paging.filters);
    exportQuery.set('format', 'csv');
    const active = [...paging.filters.keys()].filter((k) => k !== 'sort').length;
    return html`
      <div class="kit-actions">
        ${mosaic.can('tickets.write') ? html`<a class="button primary" id="tickets-new" href="/tickets/new">${t('tickets.new')}</a>` : ''}
        ${mosaic.can('tickets.admin') ? html`<a class="button" id="tickets-setup" href="/tickets/setup">${t('tickets.setup.open')}</a>` : ''}
        ${mosaic.can('tickets.export') ? html`<a class="button" id="tickets-export" href=${`/api/v1/tickets/export?${exportQuery}`}
          download="tickets.csv">${t('tickets.export')}</a>` : ''}
        ${mosaic.can('tickets.import') && mosaic.can('tickets.write') ? html`<a class="button" id="tickets-import"
          href="/tickets/import">${t('tickets.import.open')}</a>` : ''}
      </div>
      ${filterPanel(mosaic, { id: 'tickets-filter-panel', state: panel, active }, html`
      <form class="card tickets-filters" role="search" id="tickets-filters" aria-label=${t('tickets.filter.label')} @submit=${applyFilters}>
        ${input(mosaic, form, 'status', t('tickets.field.status'), { type: 'select', options: any(codeOptions(t, 'tickets.status', STATUSES)) })}
        ${input(mosaic, form, 'priority', t('tickets.field.priority'), { type: 'select',
          options: any(codeOptions(t, 'tickets.priority', PRIORITIES)) })}
        ${input(mosaic, form, 'queueId', t('tickets.field.queue'), { type: 'select', options: any(v.queues.items.map((q) => [q.id, q.name])) })}
        ${input(mosaic, form, 'breached', t('tickets.filter.breached'), { type: 'select',
          options: any([['true', t('tickets.filter.breachedYes')], ['false', t('tickets.filter.breachedNo')]]) })}
        ${v.fields.map((def) => customInput(mosaic, form, def, { filter: true }))}
        ${input(mosaic, form, 'sort', t('tickets.filter.sort'), { type: 'select', options: SORTS.map((s) => [s, t(`tickets.sort.${s}`)]) })}
        <div class="kit-actions">
          <button type="submit" class="primary">${t('tickets.filter.apply')}</button>
          <a href="/tickets">${t('tickets.filter.clear')}</a>
        </div>
      </form>`)}
      <div class="kit-list-tools">
        ${countLine(mosaic, paging, v.page)}
        ${pageSizePicker(mosaic, { id: 'tickets-page-size', value: paging.limit, onChange: changePageSize })}
      </div>
      ${v.page.items.length ? dataTable(mosaic, { label: t('tickets.title'), id: 'tickets-list', columns, rows: v.page.items,
        key: (k) => k.id, sort: paging.filters.get('sort') || SORTS[0], sortHref: paging.sortedBy }) : ''}
      ${pager(mosaic, paging, v.page)}`;
  };
  return v;
}
