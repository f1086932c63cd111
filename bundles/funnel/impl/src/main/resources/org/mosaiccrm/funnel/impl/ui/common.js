// What the funnel's pages share beyond the shell's UI kit: their sub-navigation, who is who
// (users and teams by id), pipelines with their stages, record addresses, money as text and the
// frame of their lists (filters in a folding panel, count, table, pager).

import {
  countLine, cursorPaging, dataTable, filterPanel, filterPanelState, formState, input, pager,
} from '/ui/shell/kit.js';

export const LIMIT = 25;
export const LAST_CURRENCY = 'mosaic.funnel.currency';

export const dealHref = (id) => `/funnel/deals/${encodeURIComponent(id)}`;
export const leadHref = (id) => `/funnel/leads/${encodeURIComponent(id)}`;
export const productHref = (id) => `/funnel/products/${encodeURIComponent(id)}`;
export const orderHref = (id) => `/funnel/orders/${encodeURIComponent(id)}`;
export const personHref = (id) => `/contacts/people/${encodeURIComponent(id)}`;
export const organizationHref = (id) => `/contacts/organizations/${encodeURIComponent(id)}`;

/** The funnel's pages, each shown to those whose permission opens it ({@code null}: everyone who reads the funnel). */
const SECTIONS = [
  ['board', '/funnel', null], ['deals', '/funnel/deals', null], ['leads', '/funnel/leads', null],
  ['products', '/funnel/products', null], ['orders', '/funnel/orders', null], ['forecast', '/funnel/forecast', null],
  ['pipelines', '/funnel/pipelines', 'funnel.admin'],
];

/** The sub-navigation of the funnel's pages; {@code current} names the section the page belongs to. */
export function tabs(mosaic, current) {
  const { html, t } = mosaic;
  return html`<nav class="funnel-tabs" aria-label=${t('funnel.tabs')}><ul>
    ${SECTIONS.filter(([, , permission]) => !permission || mosaic.can(permission)).map(([key, href]) => html`<li><a
        class=${key === current ? 'button primary' : 'button'} href=${href} data-section=${key}
        aria-current=${key === current ? 'page' : 'false'}>${t(`funnel.tab.${key}`)}</a></li>`)}
  </ul></nav>`;
}

/**
 * Who is who: the users the signed-in user may assign to (GET /users/assignable: their team's
 * members, everyone for administrators), which are also the owners the board and lists filter
 * by; administrators also read every user, so disabled owners keep their names. Teams: everyone
 * may list them. A page works without either, showing fewer names.
 */
export async function people(mosaic) {
  const { api, user, t } = mosaic;
  const quietly = (path) => api.get(path, { quiet: true }).then((a) => a.items, () => []);
  const [assignable, users, teams] = await Promise.all([quietly('users/assignable?limit=500'),
    user && user.admin ? quietly('users?limit=500') : [], quietly('teams?limit=200')]);
  const names = new Map([...users, ...assignable].map((u) => [u.id, u.username]));
  const teamNames = new Map(teams.map((tm) => [tm.id, tm.name]));
  if (user) names.set(user.id, user.username);
  const owners = assignable.map((u) => [u.id, user && u.id === user.id ? t('funnel.filter.me', { name: u.username }) : u.username]);
  if (user && !owners.some(([id]) => id === user.id)) owners.unshift([user.id, t('funnel.filter.me', { name: user.username })]);
  return { teams, owners, name: (id) => names.get(id) || null, teamName: (id) => teamNames.get(id) || null };
}

/** Pipelines with their stages, and each stage by id with its pipeline. */
export async function pipelines(api) {
  const items = (await api.get('funnel/pipelines')).items;
  const stages = new Map();
  for (const p of items) for (const s of p.stages) stages.set(s.id, { ...s, pipeline: p });
  return { items, stages };
}

/** Options of a stage select across pipelines: "Pipeline › Stage" when there are several. */
export function stageOptions(pipes, pipelineId) {
  const shown = pipelineId ? pipes.items.filter((p) => p.id === pipelineId) : pipes.items;
  return shown.flatMap((p) => p.stages.map((s) => [s.id, shown.length > 1 ? `${p.name} › ${s.name}` : s.name]));
}

/** Whether moving into the stage closes a deal (won or lost). */
export function closing(stage) {
  return stage && stage.kind !== 'open';
}

/** An amount in its currency, or a dash for none. */
export function money(mosaic, amount, currency) {
  return amount === null || amount === undefined || amount === '' ? '—' : mosaic.fmt.money(amount, currency);
}

/** A date-only value (YYYY-MM-DD) in the user's language, read as a local day (not UTC midnight). */
export function day(mosaic, value) {
  return value ? mosaic.fmt.date(`${value}T00:00`) : '—';
}

/**
 * Names of contacts' records by id (people or organizations), fetched one by one for the few a
 * page shows; an id out of the user's reach has no name.
 */
export async function contactNames(api, kind, ids) {
  const names = new Map();
  const wanted = [...new Set(ids.filter(Boolean))];
  await Promise.all(wanted.map((id) => api.get(`contacts/${kind}/${encodeURIComponent(id)}`, { quiet: true })
    .then((r) => names.set(id, kind === 'people' ? personName(r) : r.name), () => {})));
  return names;
}

/** A person's name as contacts shows it: first and last name, else their first email. */
export function personName(p) {
  const name = [p.firstName, p.lastName].filter(Boolean).join(' ');
  return name || (p.emails && p.emails[0] && p.emails[0].address) || '—';
}

/**
 * The sum of decimal amounts given as the API's strings ("1250.00"), exact: the digits are added
 * as integers at the largest scale among them, never as floating point. Answers a decimal string.
 */
export function decimalSum(amounts) {
  const parts = amounts.filter((a) => a !== null && a !== undefined && a !== '').map((a) => {
    const text = String(a);
    const negative = text.startsWith('-');
    const [whole, fraction = ''] = text.replace(/^[-+]/, '').split('.');
    return { negative, whole, fraction };
  });
  const scale = Math.max(0, ...parts.map((p) => p.fraction.length));
  let sum = 0n;
  for (const p of parts) {
    const digits = BigInt(`${p.whole || '0'}${p.fraction.padEnd(scale, '0')}`);
    sum += p.negative ? -digits : digits;
  }
  const negative = sum < 0n;
  const digits = (negative ? -sum : sum).toString().padStart(scale + 1, '0');
  const text = scale ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits;
  return negative ? `-${text}` : text;
}

/** A page's main action (New deal, New lead…) for those who hold {@code permission}; nothing for others. */
export function action(mosaic, { id, href, label, permission, primary = true }) {
  const { html, nothing } = mosaic;
  return mosaic.can(permission) ? html`<a class=${primary ? 'button primary' : 'button'} id=${id} href=${href}>${label}</a>` : nothing;
}

/**
 * What every funnel list shares: its paging, filters and sort from the address ({@code route}),
 * the filter form ({@code formId}) in a panel that folds, and applying the filters (which opens
 * their first page). {@code sorts}: the list's sort keys, the default first.
 */
export function listState(mosaic, draw, { route, formId, sorts }) {
  const paging = cursorPaging(mosaic.query, route, LIMIT);
  const form = formState(formId, Object.fromEntries(paging.filters));
  if (!form.values.sort) form.values.sort = sorts[0];
  const apply = (event) => {
    event.preventDefault();
    mosaic.navigate(paging.filtered(form.values));
  };
  return { route, paging, form, sorts, draw, apply, panel: filterPanelState(draw) };
}

/**
 * A list's body: the filter panel (the list's {@code inputs}, the sort named by
 * {@code sortKey}.<sort>, Apply and Clear), the count, the table of {@code page.items} in
 * {@code columns} and the pager. {@code id} is the table's id and the prefix of the panel's and
 * the form's ({@code <id>-filters}).
 */
export function listBody(mosaic, list, { id, label, filterLabel, inputs, columns, page, sortKey }) {
  const { html, t, nothing } = mosaic;
  const { paging, form } = list;
  const active = [...paging.filters.keys()].filter((k) => k !== 'sort').length;
  return html`${filterPanel(mosaic, { id: `${id}-filter-panel`, state: list.panel, active }, html`
      <form class="card funnel-filters" role="search" id=${`${id}-filters`} aria-label=${filterLabel} @submit=${list.apply}
          @change=${list.draw}>
        ${inputs}
        ${input(mosaic, form, 'sort', t('funnel.filter.sort'), { type: 'select', options: list.sorts.map((s) => [s, t(`${sortKey}.${s}`)]) })}
        <div class="kit-actions">
          <button type="submit" class="primary">${t('funnel.filter.apply')}</button>
          <a href=${list.route}>${t('funnel.filter.clear')}</a>
        </div>
      </form>`)}
    ${countLine(mosaic, paging, page)}
    ${page.items.length ? dataTable(mosaic, { label, id, columns, rows: page.items, key: (r) => r.id,
    sort: paging.filters.get('sort') || list.sorts[0], sortHref: paging.sortedBy }) : nothing}
    ${pager(mosaic, paging, page)}`;
}

/** The CSV export of a list with its filters and sort, for those who may export. */
export function exportLink(mosaic, list, { id, path, file }) {
  const query = new URLSearchParams(list.paging.filters);
  query.set('format', 'csv');
  return mosaic.can('funnel.export') ? mosaic.html`<a class="button" id=${id} href=${`/api/v1/${path}?${query}`}
      download=${file}>${mosaic.t('funnel.export')}</a>` : mosaic.nothing;
}
