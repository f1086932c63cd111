// The people and organizations lists: filters and sorting in the address (so a reload, the back
// button and the export keep them), the shell kit's table, count and pager, page size and
// columns as the user chose them (kept on the server), a filter panel that collapses, and
// "Assign…" for the selected rows or every row that matches: a job that gives them another
// owner and/or team, followed until it ends.

import {
  bulkBar, columnChooser, countLine, cursorPaging, customFields, customText, customInput, dataTable, errorBox, filterPanel,
  filterPanelState, followJob, formState, input, jobLine, listPreferences, listSelection, pageSizePicker, pager,
} from '/ui/shell/kit.js';
import { KINDS, organizationIndex, personName, stageOptions } from './common.js';

const PAGE_SIZE = 25;

const SORTS = {
  people: ['-createdAt', 'createdAt', 'lastName', '-lastName', 'firstName', '-firstName', '-updatedAt', 'updatedAt'],
  organizations: ['name', '-name', '-createdAt', 'createdAt'],
};

/** The columns shown until the user chooses others. */
const DEFAULT_COLUMNS = {
  people: ['name', 'email', 'organization', 'lifecycleStage', 'tags', 'updatedAt'],
  organizations: ['name', 'domain', 'industry', 'size', 'tags', 'updatedAt'],
};

/** Filter parameters that are not filters (the sort), for counting the applied ones. */
const NOT_FILTERS = ['sort'];

export function listView(kind) {
  return (mosaic, draw, alive) => {
    const { html, t, api, navigate } = mosaic;
    const cfg = KINDS[kind];
    const v = { fields: [], page: null, organizations: { options: [], names: new Map() }, prefs: null, paging: null, form: null };
    const panel = filterPanelState(draw);
    const selection = listSelection(draw);
    const assign = { open: false, users: null, teams: null, error: null, job: null, total: 0 };

    v.title = () => t(`contacts.${kind}.title`);
    v.load = async () => {
      v.prefs = await listPreferences(mosaic, `contacts.${kind}`, { pageSize: PAGE_SIZE, columns: DEFAULT_COLUMNS[kind] });
      v.paging = cursorPaging(mosaic.query, cfg.route, v.prefs.pageSize);
      v.form = formState(`${kind}-filter`, Object.fromEntries(v.paging.filters));
      const [fields, page] = await Promise.all([customFields(api, 'contacts', cfg.entity), api.get(`${cfg.api}?${v.paging.request()}`)]);
      v.fields = fields;
      v.page = page;
      if (kind === 'people') {
        v.organizations = await organizationIndex(api, [...page.items.map((p) => p.organizationId), v.paging.filters.get('organizationId')]);
      }
      v.paging.focusCount();
    };
    v.stop = () => assign.job && assign.job.stop();

    function applyFilters(event) {
      event.preventDefault();
      navigate(v.paging.filtered(v.form.values));
    }

    async function changePageSize(size) {
      await v.prefs.save({ pageSize: size });
      // The first page at the new size, with the same filters and sort (read again in place when it is this address).
      const first = v.paging.jump(1);
      if (first !== location.pathname + location.search) navigate(first);
      else {
        await v.load();
        draw();
      }
    }

    async function changeColumns(keys) {
      v.prefs.columns = keys;
      draw();
      await v.prefs.save({ columns: keys });
    }

    v.render = () => {
      const { page, paging, form } = v;
      const exportParams = new URLSearchParams(paging.filters);
      exportParams.set('format', 'csv');
      const available = columns(mosaic, kind, v);
      const shown = v.prefs.columns.map((k) => available.find((c) => c.key === k)).filter(Boolean);
      const active = [...paging.filters.keys()].filter((k) => !NOT_FILTERS.includes(k)).length;
      const canAssign = mosaic.can('contacts.write');
      return html`
        <div class="kit-actions">
          <a class="button primary" href=${`${cfg.route}/new`}>${t(`contacts.${kind}.new`)}</a>
          ${mosaic.can('contacts.import') ? html`<a class="button" id="contacts-import" href=${`/contacts/import?type=${kind}`}>${t('contacts.import.open')}</a>` : ''}
          ${mosaic.can('contacts.customize') ? html`<a class="button" id="contacts-fields" href=${`/contacts/fields?entity=${cfg.entity}`}>${t('contacts.fields.open')}</a>` : ''}
          ${mosaic.can('contacts.export') ? html`<a class="button" id="contacts-export" href=${`/api/v1/${cfg.api}/export?${exportParams}`} download=${`${kind}.csv`}>${t('contacts.export')}</a>` : ''}
        </div>
        ${filterPanel(mosaic, { id: `${kind}-filter-panel`, state: panel, active }, html`
          <form class="card contacts-filters" role="search" aria-label=${t('contacts.filter.label')} @submit=${applyFilters}>
            ${filterInputs(mosaic, kind, form, v)}
            <div class="contacts-filter-buttons">
              <button type="submit" class="primary">${t('contacts.filter.apply')}</button>
              <a href=${cfg.route}>${t('contacts.filter.clear')}</a>
            </div>
          </form>`)}
        <div class="kit-list-tools">
          ${countLine(mosaic, paging, page, { className: 'contacts-count' })}
          ${pageSizePicker(mosaic, { id: `${kind}-page-size`, value: paging.limit, onChange: changePageSize })}
          ${columnChooser(mosaic, { id: `${kind}-columns`, available, chosen: v.prefs.columns, onChange: changeColumns })}
        </div>
        ${canAssign ? bulkBar(mosaic, { selection, page, actions: assign.open ? '' : html`<button type="button" id="contacts-assign"
          @click=${() => openAssign(mosaic, assign, draw)}>${t('contacts.assign.open')}</button>` }) : ''}
        ${canAssign && assign.open ? assignPanel(mosaic, kind, v, selection, assign, draw, alive) : ''}
        ${page.items.length ? dataTable(mosaic, { label: t(`contacts.${kind}.title`), columns: shown, rows: page.items,
          key: (r) => r.id, sort: paging.filters.get('sort') || SORTS[kind][0], sortHref: paging.sortedBy,
          selection: canAssign ? selection : null, rowLabel: (r) => (kind === 'people' ? personName(mosaic, r) : r.name) }) : ''}
        ${pager(mosaic, paging, page)}`;
    };
    return v;
  };
}

/** Opens the assignment form; administrators choose among every user and team, so those are read first. */
async function openAssign(mosaic, assign, draw) {
  assign.open = true;
  assign.error = null;
  assign.job = null;
  draw();
  if (mosaic.user && mosaic.user.admin && !assign.users) {
    try {
      const [users, teams] = await Promise.all([mosaic.api.get('users?limit=500'), mosaic.api.get('teams?limit=500')]);
      assign.users = users.items;
      assign.teams = teams.items;
    } catch (e) {
      assign.error = e;
    }
    draw();
  }
  requestAnimationFrame(() => document.getElementById('assign-owner')?.focus());
}

/**
 * The assignment form: owner and/or team (administrators choose among every user and team;
 * others may give only to themselves, within their team — the server holds the same rule), then
 * the job's progress; when it ends the selection is cleared and the page read again. The form
 * stays until closed, so the outcome stays readable.
 */
function assignPanel(mosaic, kind, v, selection, assign, draw, alive) {
  const { html, t, api, nothing } = mosaic;
  const cfg = KINDS[kind];
  const admin = Boolean(mosaic.user && mosaic.user.admin);
  const start = async (event) => {
    event.preventDefault();
    const ownerId = event.target.elements.ownerId.value;
    const teamId = event.target.elements.teamId ? event.target.elements.teamId.value : '';
    const body = selection.all ? { filter: Object.fromEntries([...v.paging.filters].filter(([k]) => k !== 'sort')) } : { ids: [...selection.ids] };
    if (ownerId) body.ownerId = ownerId;
    if (teamId) body.teamId = teamId;
    assign.total = selection.count(v.page);
    try {
      const { jobId } = await api.post(`${cfg.api}/assign`, body);
      assign.error = null;
      assign.job = followJob(mosaic, draw, alive, jobId, async (progress) => {
        mosaic.announce(t(`kit.job.${progress.state}`, { processed: progress.processed, total: assign.total, updated: progress.updated,
          failed: progress.failed }));
        selection.ids.clear();
        selection.all = false;
        v.page = await api.get(`${cfg.api}?${v.paging.request()}`);
        draw();
      });
    } catch (e) {
      assign.error = e;
    }
    draw();
  };
  const close = () => {
    assign.open = false;
    if (assign.job) assign.job.stop();
    assign.job = null;
    draw();
    requestAnimationFrame(() => document.getElementById('contacts-assign')?.focus());
  };
  const me = mosaic.user ? mosaic.user.id : '';
  const owners = admin ? (assign.users || []).filter((u) => u.enabled !== false).map((u) => [u.id, u.username]) : [[me, t('contacts.assign.me')]];
  const count = assign.job ? assign.total : selection.count(v.page);
  return html`<form class="card contacts-assign" aria-label=${t('contacts.assign.title')} @submit=${start}>
    <h2>${t('contacts.assign.title')}</h2>
    ${admin ? nothing : html`<p class="hint">${t('contacts.assign.ownTeam')}</p>`}
    <label for="assign-owner">${t('contacts.assign.owner')}</label>
    <select id="assign-owner" name="ownerId" ?disabled=${Boolean(assign.job)}>
      <option value="">${t('contacts.assign.keepOwner')}</option>
      ${owners.map(([id, name]) => html`<option value=${id}>${name}</option>`)}
    </select>
    ${admin ? html`<label for="assign-team">${t('contacts.assign.team')}</label>
      <select id="assign-team" name="teamId" ?disabled=${Boolean(assign.job)}>
        <option value="">${t('contacts.assign.ownersTeam')}</option>
        ${(assign.teams || []).map((team) => html`<option value=${team.id}>${team.name}</option>`)}
      </select>` : nothing}
    ${errorBox(mosaic, assign.error)}
    ${assign.job ? jobLine(mosaic, assign.job, assign.total) : nothing}
    <div class="kit-actions">
      ${assign.job || !count ? nothing : html`<button type="submit" class="primary" id="assign-start">${t('contacts.assign.start', { n: count })}</button>`}
      <button type="button" id="assign-close" @click=${close}>${t(assign.job ? 'contacts.assign.close' : 'contacts.assign.cancel')}</button>
    </div>
  </form>`;
}

function filterInputs(mosaic, kind, form, v) {
  const { html, t } = mosaic;
  const sortOptions = SORTS[kind].map((s) => [s, t(`contacts.sort.${s}`)]);
  if (!form.values.sort) form.values.sort = SORTS[kind][0];
  const common = html`
    ${input(mosaic, form, 'q', t('contacts.filter.q'), { type: 'search' })}
    ${input(mosaic, form, 'tag', t('contacts.field.tag'))}`;
  const custom = v.fields.map((def) => customInput(mosaic, form, def, { filter: true }));
  const sort = input(mosaic, form, 'sort', t('contacts.filter.sort'), { type: 'select', options: sortOptions });
  if (kind === 'organizations') {
    return html`${common}${input(mosaic, form, 'domain', t('contacts.field.domain'))}${custom}${sort}`;
  }
  return html`${common}
    ${input(mosaic, form, 'lifecycleStage', t('contacts.field.lifecycleStage'), { type: 'select', options: stageOptions(mosaic, t('contacts.filter.any')) })}
    ${input(mosaic, form, 'organizationId', t('contacts.field.organization'), { type: 'select',
      options: [['', t('contacts.filter.any')], ...v.organizations.options] })}
    ${custom}${sort}`;
}

function tags(mosaic, list) {
  return mosaic.html`<ul class="contacts-tags">${(list || []).map((tag) => mosaic.html`<li>${tag}</li>`)}</ul>`;
}

/**
 * Every column a list can show, custom fields included; the user chooses which (the column
 * chooser). Columns with a {@code sort} sort the list from their headers.
 */
function columns(mosaic, kind, v) {
  const { html, t, fmt } = mosaic;
  const cfg = KINDS[kind];
  const link = (r, text) => html`<a href=${`${cfg.route}/${encodeURIComponent(r.id)}`}>${text}</a>`;
  const column = (key, cell, sort, label = t(`contacts.field.${key}`)) => ({ key, label, cell, sort });
  const custom = v.fields.map((def) => column(`cf.${def.key}`, (r) => customText(mosaic, def, (r.customFields || {})[def.key]), undefined,
    def.label));
  const times = [column('createdAt', (r) => fmt.dateTime(r.createdAt), 'createdAt'), column('updatedAt', (r) => fmt.dateTime(r.updatedAt),
    kind === 'people' ? 'updatedAt' : undefined)];
  if (kind === 'organizations') {
    return [
      column('name', (o) => link(o, o.name), 'name'),
      column('domain', (o) => o.domain || ''),
      column('industry', (o) => o.industry || ''),
      column('size', (o) => o.size || ''),
      column('tags', (o) => tags(mosaic, o.tags)),
      ...times,
      ...custom,
    ];
  }
  return [
    column('name', (p) => link(p, personName(mosaic, p)), 'lastName'),
    column('firstName', (p) => p.firstName || '', 'firstName'),
    column('lastName', (p) => p.lastName || '', 'lastName'),
    column('email', (p) => (p.emails && p.emails[0] ? p.emails[0].address : '')),
    column('jobTitle', (p) => p.jobTitle || ''),
    column('organization', (p) => (p.organizationId ? html`<a href=${`/contacts/organizations/${encodeURIComponent(p.organizationId)}`}>${
      v.organizations.names.get(p.organizationId) || t('contacts.organization.unknown')}</a>` : '')),
    column('lifecycleStage', (p) => (p.lifecycleStage ? t(`contacts.stage.${p.lifecycleStage}`) : '')),
    column('tags', (p) => tags(mosaic, p.tags)),
    ...times,
    ...custom,
  ];
}
