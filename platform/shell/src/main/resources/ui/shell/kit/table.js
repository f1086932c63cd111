// Lists of records: a table in a scrollable region with sort headers, and cursor paging. The
// filters, the sort and the cursors of the earlier pages live in the address, so a reload, the
// back button and an export keep them and "previous" needs nothing from the server. Totals are
// shown as honestly as the server counts them: "10,000+" when it stopped counting (totalExact false).
// A jump to page N ({@code page=N} in the address) asks the server for that page (an OFFSET
// there, see the README's API section); the pages after it go on by cursor, and the cursors
// before it are not known, so "previous" from a jumped-to page jumps again.

const PAGING = ['cursor', 'pages', 'page'];
/** Stands for the first page among the earlier cursors (it has none of its own). */
const FIRST_PAGE = '~';

/** A list's total as the server knows it: "1,234", or "10,000+" when totalExact is false. */
export function totalText(mosaic, page) {
  return mosaic.fmt.number(page.total) + (page.totalExact === false ? '+' : '');
}

/** A table (or anything wide) in a region that scrolls sideways on a phone and takes the keyboard. */
export function tableWrap(mosaic, label, content) {
  return mosaic.html`<div class="table-wrap" role="region" aria-label=${label} tabindex="0">${content}</div>`;
}

/**
 * The paging of the list at {@code route} read from the address ({@code mosaic.query}):
 * {@code filters} (every other parameter), this page's {@code cursor} and the {@code earlier}
 * ones, and the addresses and API parameters derived from them.
 */
export function cursorPaging(query, route, limit) {
  const filters = new URLSearchParams([...query].filter(([k, v]) => !PAGING.includes(k) && v !== ''));
  const cursor = query.get('cursor') || '';
  const earlier = query.get('pages') ? query.get('pages').split(',') : [];
  // The page number the first of the known pages has: 1, or the page jumped to.
  const base = Math.max(1, parseInt(query.get('page') || '1', 10) || 1);
  const number = base + earlier.length;
  const address = (params) => {
    const s = params.toString();
    return s ? `${route}?${s}` : route;
  };
  const link = (target, pages) => {
    const params = new URLSearchParams(filters);
    if (base > 1) params.set('page', String(base));
    if (target && target !== FIRST_PAGE) params.set('cursor', target);
    if (pages.length) params.set('pages', pages.join(','));
    return address(params);
  };
  return {
    route, limit, filters, cursor, earlier, address, number,
    /** The list call's parameters: the filters, the limit and this page's cursor (or the page jumped to). */
    request() {
      const params = new URLSearchParams(filters);
      params.set('limit', String(limit));
      if (cursor) params.set('cursor', cursor);
      else if (base > 1) params.set('page', String(base));
      return params;
    },
    /** The address of page {@code n} (1-based) with the same filters and sort: a jump, or the first page. */
    jump(n) {
      const params = new URLSearchParams(filters);
      if (n > 1) params.set('page', String(n));
      return address(params);
    },
    /** The first page with the filters a filter form holds (values trimmed; empty ones left out). */
    filtered(values) {
      const params = new URLSearchParams();
      for (const [k, value] of Object.entries(values)) {
        if (value !== '' && value !== null && value !== undefined) params.set(k, String(value).trim());
      }
      return address(params);
    },
    /** The first page sorted by {@code sort}, with the same filters. */
    sortedBy(sort) {
      const params = new URLSearchParams(filters);
      params.set('sort', sort);
      return address(params);
    },
    previous: () => (earlier.length ? link(earlier[earlier.length - 1], earlier.slice(0, -1)) : number > 1 ? (() => {
      const params = new URLSearchParams(filters);
      if (number > 2) params.set('page', String(number - 1));
      return address(params);
    })() : null),
    next: (page) => (page.next ? link(page.next, [...earlier, cursor || FIRST_PAGE]) : null),
    /**
     * Applying filters or turning a page reloads this same page, so the shell leaves focus
     * nowhere; keyboard users continue from the result count instead of the top.
     */
    focusCount() {
      if (![...query].length) return;
      requestAnimationFrame(() => {
        const count = document.querySelector('#page [data-list-count]');
        if (count && (document.activeElement === document.body || !document.activeElement)) count.focus();
      });
    },
  };
}

/** "26–50 of 10,000+" (or that nothing matches), as a status the keyboard can land on (see focusCount). */
export function countLine(mosaic, paging, page, { className = 'kit-count' } = {}) {
  const { html, t, fmt } = mosaic;
  const from = (paging.number - 1) * paging.limit + 1;
  const to = (paging.number - 1) * paging.limit + page.items.length;
  return html`<p class=${className} data-list-count role="status" tabindex="-1">${page.total === 0 ? t('kit.list.empty')
    : t('kit.list.count', { from: fmt.number(from), to: fmt.number(to), total: totalText(mosaic, page) })}</p>`;
}

/** The deepest page a jump reaches at this page size (the server's PageRequest.MAX_JUMP rows). */
const MAX_JUMP = 50000;

/**
 * The pages of a list: previous and next (rel prev/next, by cursor), page numbers around this
 * one (the first, the last when the total is exact, and two on each side), and a field to jump
 * to any page. Jumps cost the server more the deeper they go (it reads the rows it skips);
 * previous and next stay on the cheap cursor path.
 */
export function pager(mosaic, paging, page) {
  const { html, t, nothing, fmt, navigate } = mosaic;
  const previous = paging.previous();
  const next = paging.next(page);
  const current = paging.number;
  const reachable = Math.floor(MAX_JUMP / paging.limit) + 1;
  const known = Math.max(current, Math.ceil((page.total || 0) / paging.limit));
  const last = Math.min(reachable, page.totalExact === false ? Math.max(known, current + (next ? 1 : 0)) : known);
  const numbers = [];
  for (const n of [1, current - 2, current - 1, current, current + 1, current + 2, page.totalExact === false ? 0 : last]) {
    if (n >= 1 && n <= last && !numbers.includes(n)) numbers.push(n);
  }
  numbers.sort((a, b) => a - b);
  const href = (n) => (n === current + 1 && next ? next : n === current - 1 && previous ? previous : paging.jump(n));
  const items = [];
  numbers.forEach((n, i) => {
    if (i > 0 && n > numbers[i - 1] + 1) items.push(html`<li aria-hidden="true">…</li>`);
    items.push(n === current ? html`<li><a aria-current="page" href=${paging.jump(n)}>${fmt.number(n)}</a></li>`
      : html`<li><a href=${href(n)} aria-label=${t('kit.list.pageN', { n: fmt.number(n) })}>${fmt.number(n)}</a></li>`);
  });
  const jumpId = `${paging.route.replace(/[^a-z0-9]+/gi, '-')}-jump`;
  const jump = (event) => {
    event.preventDefault();
    const n = parseInt(event.target.elements.page.value, 10);
    if (n >= 1 && n <= last) navigate(paging.jump(n));
  };
  return html`<nav class="kit-pager" aria-label=${t('kit.list.pages')}>
    ${previous ? html`<a rel="prev" href=${previous}>${t('kit.list.previous')}</a>` : nothing}
    ${last > 1 ? html`<ol class="kit-pages">${items}</ol>` : nothing}
    ${next ? html`<a rel="next" href=${next}>${t('kit.list.next')}</a>` : nothing}
    ${last > 2 ? html`<form class="kit-jump" @submit=${jump}>
      <label for=${jumpId}>${t('kit.list.jump')}</label>
      <input id=${jumpId} name="page" type="number" inputmode="numeric" min="1" max=${last} required .value=${String(current)}>
      <button type="submit">${t('kit.list.go')}</button>
    </form>` : nothing}
  </nav>`;
}

/**
 * A table of {@code rows}, one {@code <tr data-id>} per row keyed by {@code key(row)}.
 * {@code columns}: [{label, cell(row), sort}] where {@code sort} names the API sort key of a
 * sortable column; its header then links to {@code sortHref(key or -key)} and tells
 * {@code sort} (the list's current sort, "-" first for descending) through aria-sort.
 * {@code selection} (from listSelection) adds a checkbox to each row and one for the page,
 * {@code rowLabel(row)} naming the row for screen readers. At phone width each row is a card
 * of "label: value" lines (the cells carry their column's label), so nothing scrolls sideways.
 */
export function dataTable(mosaic, { label, id, columns, rows, key, sort, sortHref, selection, rowLabel }) {
  const { html, repeat, ifDefined, t } = mosaic;
  const header = (c) => {
    if (!c.sort || !sortHref) return html`<th scope="col">${c.label}</th>`;
    const state = sort === c.sort ? 'ascending' : sort === `-${c.sort}` ? 'descending' : 'none';
    const href = sortHref(state === 'ascending' ? `-${c.sort}` : c.sort);
    const arrow = { ascending: ' ▲', descending: ' ▼', none: '' }[state];
    return html`<th scope="col" aria-sort=${state}><a href=${href}>${c.label}<span aria-hidden="true">${arrow}</span></a></th>`;
  };
  const ids = rows.map(key);
  const pageChecked = selection && ids.length > 0 && ids.every((i) => selection.has(i));
  const selectHeader = selection ? html`<th scope="col" class="kit-select"><input type="checkbox" aria-label=${t('kit.list.selectPage')}
      .checked=${pageChecked} @change=${(e) => selection.setPage(ids, e.target.checked)}></th>` : mosaic.nothing;
  const selectCell = (row) => (selection ? html`<td class="kit-select"><input type="checkbox"
      aria-label=${t('kit.list.selectRow', { row: rowLabel ? rowLabel(row) : key(row) })} .checked=${selection.has(key(row))}
      @change=${(e) => selection.toggle(key(row), e.target.checked)}></td>` : mosaic.nothing);
  return tableWrap(mosaic, label, html`<table id=${ifDefined(id)} class="kit-cards">
    <thead><tr>${selectHeader}${columns.map(header)}</tr></thead>
    <tbody>${repeat(rows, key, (row) => html`<tr data-id=${key(row)}>${selectCell(row)}${columns.map((c) => html`<td data-label=${c.label}>${c.cell(row)}</td>`)}</tr>`)}</tbody>
  </table>`);
}
