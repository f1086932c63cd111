// What the campaigns' pages share: the sub-navigation, addresses, the list page of a kind of
// record (templates, segments, web forms) and the save of a record form (create or versioned change).

import { conflictBox, countLine, cursorPaging, dataTable, formAlert, okBox, submit } from '/ui/shell/kit.js';

export const href = (...parts) => `/campaigns/${parts.map(encodeURIComponent).join('/')}`;

/** The sub-navigation; {@code current} is the section the page belongs to. */
export function tabs(mosaic, current) {
  const { html, t, nothing } = mosaic;
  const tab = (key, to, label) => html`<li><a class=${key === current ? 'button primary' : 'button'} href=${to}
      aria-current=${key === current ? 'page' : 'false'} data-tab=${key}>${label}</a></li>`;
  return html`<nav class="campaigns-tabs" aria-label=${t('campaigns.tabs')}><ul>
    ${tab('list', '/campaigns', t('campaigns.list.title'))}
    ${tab('templates', '/campaigns/templates', t('campaigns.templates.title'))}
    ${tab('segments', '/campaigns/segments', t('campaigns.segments.title'))}
    ${tab('forms', '/campaigns/forms', t('campaigns.forms.title'))}
    ${mosaic.can('campaigns.admin') ? tab('settings', '/campaigns/settings', t('campaigns.settings.title')) : nothing}
  </ul></nav>`;
}

/**
 * Previous and next of a list by cursor: the campaigns' lists page by cursor only (no jumps to a
 * page number, which the kit's pager offers for lists that can).
 */
export function steps(mosaic, paging, page) {
  const { html, t, nothing } = mosaic;
  const previous = paging.previous();
  const next = paging.next(page);
  if (!previous && !next) return nothing;
  return html`<nav class="kit-pager" aria-label=${t('kit.list.pages')}>
    ${previous ? html`<a rel="prev" href=${previous}>${t('kit.list.previous')}</a>` : nothing}
    ${next ? html`<a rel="next" href=${next}>${t('kit.list.next')}</a>` : nothing}
  </nav>`;
}

/**
 * The list of one kind of record ({@code kind}: templates, segments, forms) at
 * {@code /campaigns/<kind>}, linking each to its page, paged by cursor, with a "new" button for
 * those who may write.
 */
export function recordsView(kind, { columns = () => [], writePermission = 'campaigns.write' } = {}) {
  return (mosaic) => {
    const { html, t, api, nothing } = mosaic;
    const v = { page: null };
    const paging = cursorPaging(mosaic.query, `/campaigns/${kind}`, 50);
    v.title = () => t(`campaigns.${kind}.title`);
    v.load = async () => {
      v.page = await api.get(`campaigns/${kind}?${paging.request()}`);
      paging.focusCount();
    };
    v.render = () => {
      const all = [
        { label: t('campaigns.field.name'), cell: (r) => html`<a href=${href(kind, r.id)}>${r.name}</a>` },
        ...columns(mosaic),
        { label: t('campaigns.field.updatedAt'), cell: (r) => mosaic.fmt.dateTime(r.updatedAt) },
      ];
      return html`${tabs(mosaic, kind)}
        ${mosaic.can(writePermission) ? html`<p class="kit-actions"><a class="button primary" id=${`campaigns-${kind}-new`}
          href=${href(kind, 'new')}>${t(`campaigns.${kind}.new`)}</a></p>` : nothing}
        ${v.page.items.length ? dataTable(mosaic, { label: t(`campaigns.${kind}.title`), id: `campaigns-${kind}`, columns: all,
          rows: v.page.items, key: (r) => r.id }) : html`<p id=${`campaigns-${kind}-none`}>${t(`campaigns.${kind}.none`)}</p>`}
        ${v.page.items.length ? html`${countLine(mosaic, paging, v.page)}${steps(mosaic, paging, v.page)}` : nothing}`;
    };
    return v;
  };
}

/**
 * Saves a record form: POST to {@code collection} when {@code record} is null, else PATCH with
 * its version (a 409 then shows as a conflict). Resolves to the saved record or null.
 */
export async function saveRecord(mosaic, form, draw, collection, record, body) {
  const { api } = mosaic;
  let saved = null;
  await submit(form, draw, async () => {
    saved = record ? await api.patch(`${collection}/${encodeURIComponent(record.id)}`, { ...body, version: record.version })
      : await api.post(collection, body);
  }, { versioned: Boolean(record) });
  return saved;
}

/** The alerts at the top of a record form: the conflict (with reload) or the failure, and the confirmation. */
export function formTop(mosaic, form, draw, inputs, reload) {
  const { html } = mosaic;
  return html`${conflictBox(mosaic, form, draw, { id: `${form.id}-conflict`, reload })}
    ${formAlert(mosaic, form, inputs, { id: `${form.id}-error` })}${okBox(mosaic, form.done)}`;
}

/** After a save: a new record's page, or the same page reloaded with a confirmation. */
export async function afterSave(mosaic, form, draw, kind, creating, saved, load) {
  const message = mosaic.t('campaigns.saved', { name: saved.name });
  mosaic.announce(message);
  if (creating) {
    mosaic.navigate(href(kind, saved.id));
    return;
  }
  await load();
  form.done = message;
  draw();
}

/** A date-time input's value (local time) from an instant, and back. */
export function toLocalInput(instant) {
  if (!instant) return '';
  const d = new Date(instant);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
export function fromLocalInput(value) {
  if (!value) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? value : d.toISOString();
}

/** A person's name as the lists show it: first and last name, else the address. */
export const personName = (p) => [p.firstName, p.lastName].filter(Boolean).join(' ') || p.email || p.id;
