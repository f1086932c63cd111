// CSV import: the file goes to the module's import endpoint as text/csv, which answers with a
// job; the page polls GET /api/v1/jobs/{id} and shows a progress bar, then the counts and the
// rows it could not use. The job does not report how many rows there are, so the page counts
// the file's records itself. The type, the job id and that count live in the address, so a
// reload keeps following the same import.

import { errorBox } from './view.js';
import { formState, input } from './form.js';
import { tableWrap } from './table.js';

const POLL_MS = 500;
/** States a job ends in: polling stops, the counts show. */
const ENDED = ['done', 'failed', 'cancelled'];

/** Data rows of a CSV text: records (quoted fields may hold line breaks) minus the header and blank lines. */
export function countRows(text) {
  let rows = 0;
  let quoted = false;
  let filled = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    if (!quoted && (c === '\n' || c === '\r')) {
      if (filled) rows++;
      filled = false;
      if (c === '\r' && text[i + 1] === '\n') i++;
    } else if (c !== '\uFEFF') {
      filled = true;
    }
  }
  if (filled) rows++;
  return Math.max(0, rows - 1);
}

/**
 * Follows the job {@code id} until it has ended (done, failed, cancelled), drawing after each answer:
 * {@code job.progress} is the last answer, {@code job.error} a failed poll (polling goes on).
 * {@code job.load()} makes the first poll (a 404 fails it: no such job); {@code job.stop()} ends polling.
 */
export function watchJob(mosaic, draw, alive, id) {
  const { api, t } = mosaic;
  const job = { id, progress: null, error: null, timer: null };
  async function poll() {
    try {
      job.progress = await api.get(`jobs/${encodeURIComponent(id)}`);
      job.error = null;
    } catch (e) {
      if (e.status === 404) throw e;
      job.error = e;
    }
    const state = job.progress && job.progress.state;
    if (ENDED.includes(state)) {
      mosaic.announce(t(`kit.import.ended.${state}`));
    } else if (alive()) {
      job.timer = setTimeout(() => poll().catch((e) => { job.error = e; }).finally(draw), POLL_MS);
    }
  }
  job.load = poll;
  job.stop = () => clearTimeout(job.timer);
  /** Stops the run at its next batch (what committed stays); the next poll shows it cancelled. */
  job.cancel = async () => {
    try {
      job.progress = await api.post(`jobs/${encodeURIComponent(id)}/cancel`, {});
      job.error = null;
    } catch (e) {
      job.error = e;
    }
  };
  return job;
}

/**
 * A job's progress: a bar against {@code total} rows (indeterminate without it), then the
 * counts and the refused rows; {@code after} is shown once it has finished. Element ids start
 * with {@code idPrefix}: -progress, -count, -counts, -errors.
 */
export function importProgress(mosaic, job, { total = 0, idPrefix, after = mosaic.nothing, draw }) {
  const { html, t, fmt, nothing } = mosaic;
  const p = job.progress;
  const finished = ENDED.includes(p.state);
  const cancel = async () => {
    await job.cancel();
    if (draw) draw();
  };
  const max = Math.max(total, p.processed, 1);
  const value = p.state === 'done' ? max : Math.min(p.processed, max);
  const percent = Math.round((value / max) * 100);
  const label = `${idPrefix}-progress-label`;
  return html`
    <section class="card" aria-labelledby=${label}>
      <h2 id=${label}>${t(`kit.import.state.${p.state}`)}</h2>
      ${total || p.state === 'done'
        ? html`<progress class="kit-progress" id=${`${idPrefix}-progress`} aria-labelledby=${label} max=${max} .value=${value} aria-valuetext=${`${percent}%`}>${percent}%</progress>
          <p id=${`${idPrefix}-count`}>${t('kit.import.processed', { processed: fmt.number(value), total: fmt.number(max), percent: fmt.number(percent) })}</p>`
        : html`<progress class="kit-progress" id=${`${idPrefix}-progress`} aria-labelledby=${label}></progress>
          <p id=${`${idPrefix}-count`}>${t('kit.import.processedSoFar', { processed: fmt.number(p.processed) })}</p>`}
      ${errorBox(mosaic, job.error)}
      ${p.message ? html`<p class="alert ${p.state === 'failed' ? 'error' : 'success'}">${p.message}</p>` : nothing}
      ${finished ? results(mosaic, p, idPrefix) : nothing}
      ${!finished && job.cancel ? html`<button type="button" id=${`${idPrefix}-cancel`} @click=${cancel}>${t('kit.import.cancel')}</button>`
        : nothing}
    </section>
    ${finished ? after : nothing}`;
}

function results(mosaic, p, idPrefix) {
  const { html, t, fmt } = mosaic;
  return html`
    <dl class="kit-facts kit-counts" id=${`${idPrefix}-counts`}>
      <dt>${t('kit.import.created')}</dt><dd data-count="created">${fmt.number(p.created)}</dd>
      <dt>${t('kit.import.updated')}</dt><dd data-count="updated">${fmt.number(p.updated)}</dd>
      <dt>${t('kit.import.skipped')}</dt><dd data-count="skipped">${fmt.number(p.skipped)}</dd>
      <dt>${t('kit.import.failedRows')}</dt><dd data-count="failed">${fmt.number(p.failed)}</dd>
    </dl>
    ${p.errors && p.errors.length ? html`<h3>${t('kit.import.errors')}</h3>
      ${tableWrap(mosaic, t('kit.import.errors'), html`<table id=${`${idPrefix}-errors`}><thead><tr><th scope="col">${t('kit.import.row')}</th>
          <th scope="col">${t('kit.import.reason')}</th></tr></thead>
        <tbody>${p.errors.map((e) => html`<tr><td>${fmt.number(e.row)}</td><td>${e.reason}</td></tr>`)}</tbody></table>`)}`
      : html`<p>${t('kit.import.noErrors')}</p>`}`;
}

/**
 * A CSV import page at {@code route} for a module's import types, e.g.
 * {@code {people: {name, title, intro, columns, upload, list, toList}}}: message keys for the
 * type's name, the page's title and intro and the link back to its list; the columns as text;
 * the API path that takes the file; the list's route. With several types the page offers a
 * choice of type, kept in the address. Element ids start with {@code idPrefix}.
 */
export function importView({ route, idPrefix, types }) {
  return (mosaic, draw, alive) => {
    const { html, t, api, query, navigate, nothing } = mosaic;
    const names = Object.keys(types);
    const type = Object.hasOwn(types, query.get('type')) ? query.get('type') : names[0];
    const cfg = types[type];
    const total = Number(query.get('total')) || 0;
    const job = query.get('job') ? watchJob(mosaic, draw, alive, query.get('job')) : null;
    const form = formState('import', { type });
    const fileId = `${idPrefix}-file`;
    const v = {};

    v.title = () => t(cfg.title);
    v.load = async () => {
      if (job) await job.load();
    };
    v.stop = () => job && job.stop();

    async function start(event) {
      event.preventDefault();
      const file = event.target.elements.file.files[0];
      form.error = null;
      form.missing = !file;
      if (!file) {
        draw();
        event.target.elements.file.focus();
        return;
      }
      form.busy = true;
      draw();
      try {
        const text = await file.text();
        const answer = await api.upload(cfg.upload, new Blob([text], { type: 'text/csv' }));
        navigate(`${route}?type=${type}&job=${encodeURIComponent(answer.jobId)}&total=${countRows(text)}`);
        return;
      } catch (e) {
        form.error = e;
      }
      form.busy = false;
      draw();
    }

    // Choosing the other type changes the address, so the title, hints and upload follow it.
    function chooseType(event) {
      if (event.target.name === 'type' && event.target.value !== type) navigate(`${route}?type=${event.target.value}`);
    }

    function chooser() {
      return html`
        <p>${t(cfg.intro)}</p>
        <p class="hint">${t('kit.import.columns')} <code>${cfg.columns}</code></p>
        <form class="card" id=${`${idPrefix}-form`} @submit=${start} @change=${chooseType}>
          ${errorBox(mosaic, form.error)}
          ${names.length > 1 ? input(mosaic, form, 'type', t('kit.import.type'), { type: 'select',
            options: names.map((k) => [k, t(types[k].name)]) }) : nothing}
          <div class="field">
            <label for=${fileId}>${t('kit.import.file')}</label>
            <input id=${fileId} name="file" type="file" accept=".csv,text/csv" aria-describedby=${`${fileId}-error`}
                aria-invalid=${form.missing ? 'true' : 'false'}>
            ${form.missing ? html`<span class="field-error" id=${`${fileId}-error`}>${t('kit.import.chooseFile')}</span>` : nothing}
          </div>
          <button type="submit" class="primary" ?disabled=${form.busy}>${form.busy ? t('kit.import.uploading') : t('kit.import.start')}</button>
        </form>`;
    }

    const after = () => html`<p class="kit-actions"><a class="button primary" href=${cfg.list}>${t(cfg.toList)}</a>
      <a class="button" href=${`${route}?type=${type}`}>${t('kit.import.another')}</a></p>`;

    v.render = () => (job && job.progress ? importProgress(mosaic, job, { total, idPrefix, after: after(), draw }) : chooser());
    return v;
  };
}
