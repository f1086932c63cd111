// The parts of a record list around its table: the user's list preferences (page size and
// columns, kept on the server so they follow the user from browser to browser), the column
// chooser and page size picker, a filter panel that collapses (collapsed at first on a phone),
// row selection with a bar of bulk actions, and following a job a bulk action started.

/** The page sizes a list offers. */
export const PAGE_SIZES = [10, 25, 50, 100];

/** Where a phone's layout starts (the shell's CSS breakpoint). */
const PHONE = '(max-width: 760px)';

/**
 * The user's preferences for the list named {@code name} ("contacts.people"), read from
 * {@code /api/v1/me/preferences/list.<name>}: {@code {pageSize, columns}} over the defaults.
 * {@code save(changes)} keeps the changed preferences; a failure to save leaves the page as it
 * is (the change holds until the page is left) and is told, never thrown.
 */
export async function listPreferences(mosaic, name, defaults) {
  const { api } = mosaic;
  const path = `me/preferences/${encodeURIComponent(`list.${name}`)}`;
  let stored = {};
  try {
    stored = (await api.get(path, { quiet: true })) || {};
  } catch (e) {
    if (e.status !== 404) throw e;
  }
  const prefs = {
    pageSize: PAGE_SIZES.includes(stored.pageSize) ? stored.pageSize : defaults.pageSize,
    columns: Array.isArray(stored.columns) && stored.columns.length ? stored.columns : defaults.columns,
  };
  prefs.save = async (changes) => {
    Object.assign(prefs, changes);
    try {
      await api.put(path, { pageSize: prefs.pageSize, columns: prefs.columns });
    } catch (e) {
      mosaic.announce(mosaic.problemText(e));
    }
  };
  return prefs;
}

/** A page size picker; {@code onChange(size)} when the user picks another. */
export function pageSizePicker(mosaic, { id, value, onChange }) {
  const { html, t } = mosaic;
  return html`<div class="kit-page-size">
    <label for=${id}>${t('kit.list.pageSize')}</label>
    <select id=${id} @change=${(e) => onChange(parseInt(e.target.value, 10))}>
      ${PAGE_SIZES.map((n) => html`<option value=${n} ?selected=${n === value}>${n}</option>`)}
    </select>
  </div>`;
}

/**
 * A disclosure listing the columns a list can show ({@code available}: [{key, label}]) as
 * checkboxes, {@code chosen} (keys) ticked; {@code onChange(keys)} with the new choice in the
 * order of {@code available}. The last ticked column cannot be unticked.
 */
export function columnChooser(mosaic, { id, available, chosen, onChange }) {
  const { html, t } = mosaic;
  const toggle = (key, on) => {
    const next = available.map((c) => c.key).filter((k) => (k === key ? on : chosen.includes(k)));
    if (next.length) onChange(next);
  };
  return html`<details class="kit-columns" id=${id}>
    <summary>${t('kit.list.columns')}</summary>
    <fieldset>
      <legend class="visually-hidden">${t('kit.list.columns')}</legend>
      ${available.map((c) => html`<label class="check"><input type="checkbox" name=${`column-${c.key}`} .checked=${chosen.includes(c.key)}
        ?disabled=${chosen.length === 1 && chosen.includes(c.key)} @change=${(e) => toggle(c.key, e.target.checked)}>${c.label}</label>`)}
    </fieldset>
  </details>`;
}

/**
 * The state of a filter panel that collapses: open on a wide screen, closed at first on a
 * phone (where it would fill the first screen), or open whenever {@code active} filters are
 * applied and the screen is wide.
 */
export function filterPanelState(draw) {
  const phone = typeof window.matchMedia === 'function' && window.matchMedia(PHONE).matches;
  const state = { open: !phone };
  state.toggle = () => {
    state.open = !state.open;
    draw();
  };
  return state;
}

/** The toggle of a filter panel ({@code aria-expanded}, naming how many filters apply) and, when open, the panel. */
export function filterPanel(mosaic, { id, state, active = 0 }, content) {
  const { html, t } = mosaic;
  return html`<div class="kit-filter-panel">
    <button type="button" class="kit-filter-toggle" aria-expanded=${state.open ? 'true' : 'false'} aria-controls=${id}
      @click=${state.toggle}>${t(state.open ? 'kit.list.hideFilters' : 'kit.list.showFilters')}${active
        ? html` <span class="kit-badge">${t('kit.list.activeFilters', { n: active })}</span>` : ''}</button>
    <div id=${id} ?hidden=${!state.open}>${content}</div>
  </div>`;
}

/**
 * Which rows of a list are selected: some ids of this page, or every row that matches the
 * filters ({@code all}). Leaving the page forgets it.
 */
export function listSelection(draw) {
  const s = { ids: new Set(), all: false };
  s.has = (id) => s.all || s.ids.has(id);
  s.toggle = (id, on) => {
    if (s.all) s.all = false;
    if (on) s.ids.add(id);
    else s.ids.delete(id);
    draw();
  };
  s.setPage = (ids, on) => {
    s.all = false;
    ids.forEach((id) => (on ? s.ids.add(id) : s.ids.delete(id)));
    draw();
  };
  s.selectAll = () => {
    s.all = true;
    draw();
  };
  s.clear = () => {
    s.ids.clear();
    s.all = false;
    draw();
  };
  /** How many rows are selected, given the page (its total for "all"). */
  s.count = (page) => (s.all ? page.total : s.ids.size);
  return s;
}

/**
 * The bar of bulk actions over a selection: how many are selected, "select all N matching"
 * once the whole page is (when the server counted them exactly), clearing, and the module's
 * {@code actions}. Nothing while nothing is selected.
 */
export function bulkBar(mosaic, { selection, page, actions }) {
  const { html, t, fmt, nothing } = mosaic;
  const count = selection.count(page);
  if (!count) return nothing;
  const wholePage = page.items.length > 0 && page.items.every((r) => selection.ids.has(r.id));
  const more = !selection.all && wholePage && page.total > page.items.length && page.totalExact !== false;
  return html`<div class="kit-bulk card" role="region" aria-label=${t('kit.list.bulk')}>
    <p role="status">${selection.all ? t('kit.list.allSelected', { n: fmt.number(count) }) : t('kit.list.selected', { n: fmt.number(count) })}</p>
    ${more ? html`<button type="button" class="link" id="kit-select-all" @click=${selection.selectAll}>${t('kit.list.selectAll', { n: fmt.number(page.total) })}</button>` : nothing}
    <button type="button" class="link" @click=${selection.clear}>${t('kit.list.clearSelection')}</button>
    <div class="kit-bulk-actions">${actions}</div>
  </div>`;
}

const JOB_POLL_MS = 700;
const JOB_ENDED = ['done', 'failed', 'cancelled'];

/**
 * Follows a job a bulk action started ({@code GET /api/v1/jobs/{id}}) until it ends, redrawing
 * as it moves; {@code onEnd(progress)} once it has ended. {@code stop()} when the page is left.
 */
export function followJob(mosaic, draw, alive, id, onEnd) {
  const job = { id, progress: null, error: null, timer: null };
  const poll = async () => {
    try {
      job.progress = await mosaic.api.get(`jobs/${encodeURIComponent(id)}`, { background: true });
      job.error = null;
    } catch (e) {
      job.error = e;
    }
    if (job.progress && JOB_ENDED.includes(job.progress.state)) {
      onEnd(job.progress);
    } else if (alive()) {
      job.timer = setTimeout(poll, JOB_POLL_MS);
    }
    draw();
  };
  job.stop = () => clearTimeout(job.timer);
  poll();
  return job;
}

/** A job's progress as a progress bar and a line ("120 of 300 done"), or its error. */
export function jobLine(mosaic, job, total) {
  const { html, t, fmt } = mosaic;
  if (job.error) return html`<p class="alert error" role="alert">${mosaic.problemText(job.error)}</p>`;
  const p = job.progress;
  if (!p) return html`<p role="status">${t('shell.loading')}</p>`;
  const done = JOB_ENDED.includes(p.state);
  return html`<div class="kit-job" data-job-state=${p.state}>
    ${total ? html`<progress class="kit-progress" max=${total} .value=${Math.min(p.processed, total)}></progress>` : ''}
    <p role="status">${t(`kit.job.${p.state}`, { processed: fmt.number(p.processed), total: fmt.number(total || p.processed),
      updated: fmt.number(p.updated), failed: fmt.number(p.failed) })}</p>
    ${done && p.message ? html`<p class="alert error">${p.message}</p>` : ''}
  </div>`;
}
