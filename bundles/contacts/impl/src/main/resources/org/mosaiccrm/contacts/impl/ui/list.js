// The people and organizations lists: filters and sorting in the address (so a reload, the back
// button and the export keep them), the shell kit's table, count and cursor pager, and the CSV
// export of exactly what the filters select.

import { countLine, cursorPaging, customFields, customInput, dataTable, formState, input, pager } from '/ui/shell/kit.js';
import { KINDS, organizationIndex, personName, stageOptions } from './common.js';

const LIMIT = 25;

const SORTS = {
  people: ['-createdAt', 'createdAt', 'lastName', '-lastName', 'firstName', '-firstName', '-updatedAt', 'updatedAt'],
  organizations: ['name', '-name', '-createdAt', 'createdAt'],
};

export function listView(kind) {
  return (mosaic, draw) => {
    const { html, t, api, navigate } = mosaic;
    const cfg = KINDS[kind];
    const paging = cursorPaging(mosaic.query, cfg.route, LIMIT);
    const form = formState(`${kind}-filter`, Object.fromEntries(paging.filters));
    const v = { fields: [], page: null, organizations: { options: [], names: new Map() } };

    v.title = () => t(`contacts.${kind}.title`);
    v.load = async () => {
      const [fields, page] = await Promise.all([customFields(api, 'contacts', cfg.entity), api.get(`${cfg.api}?${paging.request()}`)]);
      v.fields = fields;
      v.page = page;
      if (kind === 'people') {
        v.organizations = await organizationIndex(api, [...page.items.map((p) => p.organizationId), paging.filters.get('organizationId')]);
      }
      paging.focusCount();
    };

    function applyFilters(event) {
      event.preventDefault();
      navigate(paging.filtered(form.values));
    }

    v.render = () => {
      const page = v.page;
      const exportParams = new URLSearchParams(paging.filters);
      exportParams.set('format', 'csv');
      return html`
        <div class="kit-actions">
          <a class="button primary" href=${`${cfg.route}/new`}>${t(`contacts.${kind}.new`)}</a>
          ${mosaic.can('contacts.import') ? html`<a class="button" id="contacts-import" href=${`/contacts/import?type=${kind}`}>${t('contacts.import.open')}</a>` : ''}
          ${mosaic.can('contacts.customize') ? html`<a class="button" id="contacts-fields" href=${`/contacts/fields?entity=${cfg.entity}`}>${t('contacts.fields.open')}</a>` : ''}
          ${mosaic.can('contacts.export') ? html`<a class="button" id="contacts-export" href=${`/api/v1/${cfg.api}/export?${exportParams}`} download=${`${kind}.csv`}>${t('contacts.export')}</a>` : ''}
        </div>
        <form class="card contacts-filters" role="search" aria-label=${t('contacts.filter.label')} @submit=${applyFilters}>
          ${filterInputs(mosaic, kind, form, v)}
          <div class="contacts-filter-buttons">
            <button type="submit" class="primary">${t('contacts.filter.apply')}</button>
            <a href=${cfg.route}>${t('contacts.filter.clear')}</a>
          </div>
        </form>
        ${countLine(mosaic, paging, page, { className: 'contacts-count' })}
        ${page.items.length ? dataTable(mosaic, { label: t(`contacts.${kind}.title`), columns: columns(mosaic, kind, v), rows: page.items,
          key: (r) => r.id, sort: paging.filters.get('sort') || SORTS[kind][0], sortHref: paging.sortedBy }) : ''}
        ${pager(mosaic, paging, page)}`;
    };
    return v;
  };
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

/** The columns of each list; name and (for people) last change sort the list from their headers. */
function columns(mosaic, kind, v) {
  const { html, t, fmt } = mosaic;
  const cfg = KINDS[kind];
  const link = (r, text) => html`<a href=${`${cfg.route}/${encodeURIComponent(r.id)}`}>${text}</a>`;
  const column = (field, cell, sort) => ({ label: t(`contacts.field.${field}`), cell, sort });
  if (kind === 'organizations') {
    return [
      column('name', (o) => link(o, o.name), 'name'),
      column('domain', (o) => o.domain || ''),
      column('industry', (o) => o.industry || ''),
      column('size', (o) => o.size || ''),
      column('tags', (o) => tags(mosaic, o.tags)),
      column('updatedAt', (o) => fmt.dateTime(o.updatedAt)),
    ];
  }
  return [
    column('name', (p) => link(p, personName(mosaic, p)), 'lastName'),
    column('email', (p) => (p.emails && p.emails[0] ? p.emails[0].address : '')),
    column('organization', (p) => (p.organizationId ? html`<a href=${`/contacts/organizations/${encodeURIComponent(p.organizationId)}`}>${
      v.organizations.names.get(p.organizationId) || t('contacts.organization.unknown')}</a>` : '')),
    column('lifecycleStage', (p) => (p.lifecycleStage ? t(`contacts.stage.${p.lifecycleStage}`) : '')),
    column('tags', (p) => tags(mosaic, p.tags)),
    column('updatedAt', (p) => fmt.dateTime(p.updatedAt), 'updatedAt'),
  ];
}
