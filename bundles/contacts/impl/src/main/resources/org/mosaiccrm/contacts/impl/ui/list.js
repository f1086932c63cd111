// The people and organizations lists: filters and sorting in the address (so a reload, the back
// button and the export keep them), cursor paging with the cursors of earlier pages kept in
// the address too, and the CSV export of exactly what the filters select.

import {
  KINDS, customFields, customInput, formState, input, organizationIndex, personName, stageOptions, totalText,
} from './common.js';

const LIMIT = 25;
const PAGING = ['cursor', 'pages'];
const FIRST_PAGE = '~';

const SORTS = {
  people: ['-createdAt', 'createdAt', 'lastName', '-lastName', 'firstName', '-firstName', '-updatedAt', 'updatedAt'],
  organizations: ['name', '-name', '-createdAt', 'createdAt'],
};

export function listView(kind) {
  return (mosaic, draw) => {
    const { html, t, api, query, navigate } = mosaic;
    const cfg = KINDS[kind];
    const filters = new URLSearchParams([...query].filter(([k, v]) => !PAGING.includes(k) && v !== ''));
    const cursor = query.get('cursor') || '';
    const earlier = query.get('pages') ? query.get('pages').split(',') : [];
    const form = formState(`${kind}-filter`, Object.fromEntries(filters));
    const v = { fields: [], page: null, organizations: { options: [], names: new Map() } };

    v.title = () => t(`contacts.${kind}.title`);
    v.load = async () => {
      const params = new URLSearchParams(filters);
      params.set('limit', String(LIMIT));
      if (cursor) params.set('cursor', cursor);
      const [fields, page] = await Promise.all([customFields(api, cfg.entity), api.get(`${cfg.api}?${params}`)]);
      v.fields = fields;
      v.page = page;
      if (kind === 'people') {
        v.organizations = await organizationIndex(api, [...page.items.map((p) => p.organizationId), filters.get('organizationId')]);
      }
      // Applying filters or turning a page reloads this same page, so the shell leaves focus
      // nowhere; keyboard users continue from the result count instead of the top.
      if ([...query].length) {
        requestAnimationFrame(() => {
          const count = document.querySelector('.contacts-count');
          if (count && (document.activeElement === document.body || !document.activeElement)) count.focus();
        });
      }
    };

    const address = (params) => {
      const s = params.toString();
      return s ? `${cfg.route}?${s}` : cfg.route;
    };

    function applyFilters(event) {
      event.preventDefault();
      const params = new URLSearchParams();
      for (const [k, value] of Object.entries(form.values)) {
        if (value !== '' && value !== null && value !== undefined) params.set(k, String(value).trim());
      }
      navigate(address(params));
    }

    function pageLink(targetCursor, pages) {
      const params = new URLSearchParams(filters);
      if (targetCursor && targetCursor !== FIRST_PAGE) params.set('cursor', targetCursor);
      if (pages.length) params.set('pages', pages.join(','));
      return address(params);
    }

    v.render = () => {
      const page = v.page;
      const from = earlier.length * LIMIT + 1;
      const to = earlier.length * LIMIT + page.items.length;
      const exportParams = new URLSearchParams(filters);
      exportParams.set('format', 'csv');
      return html`
        <div class="contacts-actions">
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
        <p class="contacts-count" role="status" tabindex="-1">${page.total === 0 ? t('contacts.list.empty')
          : t('contacts.list.count', { from: mosaic.fmt.number(from), to: mosaic.fmt.number(to), total: totalText(mosaic, page) })}</p>
        ${page.items.length ? table(mosaic, kind, page.items, v) : ''}
        <nav class="contacts-pager" aria-label=${t('contacts.list.pages')}>
          ${earlier.length ? html`<a rel="prev" href=${pageLink(earlier[earlier.length - 1], earlier.slice(0, -1))}>${t('contacts.list.previous')}</a>` : ''}
          ${page.next ? html`<a rel="next" href=${pageLink(page.next, [...earlier, cursor || FIRST_PAGE])}>${t('contacts.list.next')}</a>` : ''}
        </nav>`;
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

function table(mosaic, kind, items, v) {
  const { html, t, fmt, repeat } = mosaic;
  const cfg = KINDS[kind];
  const link = (r, text) => html`<a href=${`${cfg.route}/${encodeURIComponent(r.id)}`}>${text}</a>`;
  if (kind === 'organizations') {
    return html`<div class="table-wrap" role="region" aria-label=${t('contacts.organizations.title')} tabindex="0"><table>
      <thead><tr><th scope="col">${t('contacts.field.name')}</th><th scope="col">${t('contacts.field.domain')}</th>
        <th scope="col">${t('contacts.field.industry')}</th><th scope="col">${t('contacts.field.size')}</th>
        <th scope="col">${t('contacts.field.tags')}</th><th scope="col">${t('contacts.field.updatedAt')}</th></tr></thead>
      <tbody>${repeat(items, (o) => o.id, (o) => html`<tr data-id=${o.id}>
        <td>${link(o, o.name)}</td><td>${o.domain || ''}</td><td>${o.industry || ''}</td><td>${o.size || ''}</td>
        <td>${tags(mosaic, o.tags)}</td><td>${fmt.dateTime(o.updatedAt)}</td></tr>`)}</tbody>
    </table></div>`;
  }
  return html`<div class="table-wrap" role="region" aria-label=${t('contacts.people.title')} tabindex="0"><table>
    <thead><tr><th scope="col">${t('contacts.field.name')}</th><th scope="col">${t('contacts.field.email')}</th>
      <th scope="col">${t('contacts.field.organization')}</th><th scope="col">${t('contacts.field.lifecycleStage')}</th>
      <th scope="col">${t('contacts.field.tags')}</th><th scope="col">${t('contacts.field.updatedAt')}</th></tr></thead>
    <tbody>${repeat(items, (p) => p.id, (p) => html`<tr data-id=${p.id}>
      <td>${link(p, personName(mosaic, p))}</td>
      <td>${p.emails && p.emails[0] ? p.emails[0].address : ''}</td>
      <td>${p.organizationId ? html`<a href=${`/contacts/organizations/${encodeURIComponent(p.organizationId)}`}>${v.organizations.names.get(p.organizationId) || t('contacts.organization.unknown')}</a>` : ''}</td>
      <td>${p.lifecycleStage ? t(`contacts.stage.${p.lifecycleStage}`) : ''}</td>
      <td>${tags(mosaic, p.tags)}</td><td>${fmt.dateTime(p.updatedAt)}</td></tr>`)}</tbody>
  </table></div>`;
}
