// Lists of records: a table in a scrollable region with sort headers, and cursor paging. The
// filters, the sort and the cursors of the earlier pages live in the address, so a reload, the
// back button and an export keep them and "previous" needs nothing from the server. Totals are
// shown as honestly as the server counts them: "10,000+" when it stopped counting (totalExact false).

const PAGING = ['cursor', 'pages'];
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
  const address = (params) => {
    const s = params.toString();
    return s ? `${route}?${s}` : route;
  };
  const link = (target, pages) => {
    const params = new URLSearchParams(filters);
    if (target && target !== FIRST_PAGE) params.set('cursor', target);
    if (pages.length) params.set('pages', pages.join(','));
    return address(params);
  };
  return {
    route, limit, filters, cursor, earlier, address,
    /** The list call's parameters: the filters, the limit and this page's cursor. */
    request() {
      const params = new URLSearchParams(filters);
      params.set('limit', String(limit));
      if (cursor) params.set('cursor', cursor);
      return params;
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
    previous: () => (earlier.length ? link(earlier[earlier.length - 1], earlier.slice(0, -1)) : null),
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
  const from = paging.earlier.length * paging.limit + 1;
  const to = paging.earlier.length * paging.limit + page.items.length;
  return html`<p class=${className} data-list-count role="status" tabindex="-1">${page.total === 0 ? t('kit.list.empty')
    : t('kit.list.count', { from: fmt.number(from), to: fmt.number(to), total: totalText(mosaic, page) })}</p>`;
}

/** Links to the previous and the next page (rel prev/next), where there are such pages. */
export function pager(mosaic, paging, page) {
  const { html, t, nothing } = mosaic;
  const previous = paging.previous();
  const next = paging.next(page);
  return html`<nav class="kit-pager" aria-label=${t('kit.list.pages')}>
    ${previous ? html`<a rel="prev" href=${previous}>${t('kit.list.previous')}</a>` : nothing}
    ${next ? html`<a rel="next" href=${next}>${t('kit.list.next')}</a>` : nothing}
  </nav>`;
}

/**
 * A table of {@code rows}, one {@code <tr data-id>} per row keyed by {@code key(row)}.
 * {@code columns}: [{label, cell(row), sort}] where {@code sort} names the API sort key of a
 * sortable column; its header then links to {@code sortHref(key or -key)} and tells
 * {@code sort} (the list's current sort, "-" first for descending) through aria-sort.
 */
export function dataTable(mosaic, { label, id, columns, rows, key, sort, sortHref }) {
  const { html, repeat, ifDefined } = mosaic;
  const header = (c) => {
    if (!c.sort || !sortHref) return html`<th scope="col">${c.label}</th>`;
    const state = sort === c.sort ? 'ascending' : sort === `-${c.sort}` ? 'descending' : 'none';
    const href = sortHref(state === 'ascending' ? `-${c.sort}` : c.sort);
    const arrow = { ascending: ' ▲', descending: ' ▼', none: '' }[state];
    return html`<th scope="col" aria-sort=${state}><a href=${href}>${c.label}<span aria-hidden="true">${arrow}</span></a></th>`;
  };
  return tableWrap(mosaic, label, html`<table id=${ifDefined(id)}>
    <thead><tr>${columns.map(header)}</tr></thead>
    <tbody>${repeat(rows, key, (row) => html`<tr data-id=${key(row)}>${columns.map((c) => html`<td>${c.cell(row)}</td>`)}</tr>`)}</tbody>
  </table>`);
}
