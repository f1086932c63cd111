// CSV import of people or organizations: the file goes to the server as text/csv, which answers
// with a job; the page polls the job and shows a progress bar, then the counts and the rows it
// could not use. The job does not report how many rows there are, so the page counts the file's
// records itself. The type, the job id and that count live in the address, so a reload keeps
// following the same import.

import { KINDS, errorBox, formState, input } from './common.js';

const POLL_MS = 500;
/** The columns each type takes, as its export writes them (custom fields follow as cf.<key>). */
const COLUMNS = {
  people: 'firstName, lastName, email, phone, organization, jobTitle, lifecycleStage, source, tags',
  organizations: 'name, domain, industry, size, phone, tags',
};

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

export function importView(mosaic, draw, alive) {
  const { html, t, api, fmt, query, navigate, nothing } = mosaic;
  const job = query.get('job');
  const total = Number(query.get('total')) || 0;
  const type = Object.hasOwn(COLUMNS, query.get('type')) ? query.get('type') : 'people';
  const form = formState('import', { type });
  const v = { progress: null, timer: null, pollError: null };

  v.title = () => t(type === 'people' ? 'contacts.import.title' : `contacts.import.title.${type}`);
  v.load = async () => {
    if (job) await poll();
  };
  v.stop = () => clearTimeout(v.timer);

  async function poll() {
    try {
      v.progress = await api.get(`jobs/${encodeURIComponent(job)}`);
      v.pollError = null;
    } catch (e) {
      if (e.status === 404) throw e;
      v.pollError = e;
    }
    const state = v.progress && v.progress.state;
    if (state === 'done' || state === 'failed') {
      mosaic.announce(t(state === 'done' ? 'contacts.import.finished' : 'contacts.import.failed'));
    } else if (alive()) {
      v.timer = setTimeout(() => poll().catch((e) => { v.pollError = e; }).finally(draw), POLL_MS);
    }
  }

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
      const answer = await api.upload(`contacts/import?type=${type}`, new Blob([text], { type: 'text/csv' }));
      navigate(`/contacts/import?type=${type}&job=${encodeURIComponent(answer.jobId)}&total=${countRows(text)}`);
      return;
    } catch (e) {
      form.error = e;
    }
    form.busy = false;
    draw();
  }

  // Choosing the other type changes the address, so the title, hints and upload follow it.
  function chooseType(event) {
    if (event.target.name === 'type' && event.target.value !== type) navigate(`/contacts/import?type=${event.target.value}`);
  }

  function chooser() {
    const types = Object.keys(COLUMNS).map((k) => [k, t(`contacts.${k}.title`)]);
    return html`
      <p>${t(type === 'people' ? 'contacts.import.intro' : `contacts.import.intro.${type}`)}</p>
      <p class="hint">${t('contacts.import.columns')} <code>${COLUMNS[type]}</code></p>
      <form class="card" id="contacts-import-form" @submit=${start} @change=${chooseType}>
        ${errorBox(mosaic, form.error)}
        ${input(mosaic, form, 'type', t('contacts.import.type'), { type: 'select', options: types })}
        <div class="field">
          <label for="contacts-import-file">${t('contacts.import.file')}</label>
          <input id="contacts-import-file" name="file" type="file" accept=".csv,text/csv" aria-describedby="contacts-import-file-error"
              aria-invalid=${form.missing ? 'true' : 'false'}>
          ${form.missing ? html`<span class="field-error" id="contacts-import-file-error">${t('contacts.import.chooseFile')}</span>` : nothing}
        </div>
        <button type="submit" class="primary" ?disabled=${form.busy}>${form.busy ? t('contacts.import.uploading') : t('contacts.import.start')}</button>
      </form>`;
  }

  function progress() {
    const p = v.progress;
    const finished = p.state === 'done' || p.state === 'failed';
    const max = Math.max(total, p.processed, 1);
    const value = p.state === 'done' ? max : Math.min(p.processed, max);
    const percent = Math.round((value / max) * 100);
    return html`
      <section class="card" aria-labelledby="contacts-import-progress-label">
        <h2 id="contacts-import-progress-label">${t(`contacts.import.state.${p.state}`)}</h2>
        ${total || p.state === 'done'
          ? html`<progress id="contacts-import-progress" aria-labelledby="contacts-import-progress-label" max=${max} .value=${value} aria-valuetext=${`${percent}%`}>${percent}%</progress>
            <p id="contacts-import-count">${t('contacts.import.processed', { processed: fmt.number(value), total: fmt.number(max), percent: fmt.number(percent) })}</p>`
          : html`<progress id="contacts-import-progress" aria-labelledby="contacts-import-progress-label"></progress>
            <p id="contacts-import-count">${t('contacts.import.processedSoFar', { processed: fmt.number(p.processed) })}</p>`}
        ${errorBox(mosaic, v.pollError)}
        ${p.message ? html`<p class="alert ${p.state === 'failed' ? 'error' : 'success'}">${p.message}</p>` : nothing}
        ${finished ? results(p) : nothing}
      </section>
      ${finished ? html`<p class="contacts-actions"><a class="button primary" href=${KINDS[type].route}>${t(type === 'people'
        ? 'contacts.import.toPeople' : 'contacts.import.toOrganizations')}</a>
        <a class="button" href=${`/contacts/import?type=${type}`}>${t('contacts.import.another')}</a></p>` : nothing}`;
  }

  function results(p) {
    return html`
      <dl class="contacts-facts contacts-counts" id="contacts-import-counts">
        <dt>${t('contacts.import.created')}</dt><dd data-count="created">${fmt.number(p.created)}</dd>
        <dt>${t('contacts.import.updated')}</dt><dd data-count="updated">${fmt.number(p.updated)}</dd>
        <dt>${t('contacts.import.skipped')}</dt><dd data-count="skipped">${fmt.number(p.skipped)}</dd>
        <dt>${t('contacts.import.failedRows')}</dt><dd data-count="failed">${fmt.number(p.failed)}</dd>
      </dl>
      ${p.errors && p.errors.length ? html`<h3>${t('contacts.import.errors')}</h3>
        <div class="table-wrap" role="region" aria-label=${t('contacts.import.errors')} tabindex="0">
          <table id="contacts-import-errors"><thead><tr><th scope="col">${t('contacts.import.row')}</th>
            <th scope="col">${t('contacts.import.reason')}</th></tr></thead>
          <tbody>${p.errors.map((e) => html`<tr><td>${fmt.number(e.row)}</td><td>${e.reason}</td></tr>`)}</tbody></table>
        </div>` : html`<p>${t('contacts.import.noErrors')}</p>`}`;
  }

  v.render = () => (job && v.progress ? progress() : chooser());
  return v;
}
