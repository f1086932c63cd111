// CSV import: once a file is chosen, the page sends its first lines (a slice, never the whole
// file) to the type's preview endpoint and shows each column with the field proposed for it, so
// that the user confirms or changes it, skips it, or makes it a new custom field; an
// administrator also chooses who owns the new records. Then the file goes to the module's import
// endpoint as text/csv with those choices (map=, skip=, ownerId=, teamId=), which answers with a
// job; the page polls GET /api/v1/jobs/{id} and shows a progress bar, then the counts and the
// rows it could not use, or only the reason a refused file was refused. The job does not report
// how many rows there are, so the page counts the file's records itself. The type, the job id
// and that count live in the address, so a reload keeps following the same import.

import { errorBox } from './view.js';
import { formState, input } from './form.js';
import { tableWrap } from './table.js';

const POLL_MS = 500;
/** How much of the file's start the mapping step reads: enough for the header and a few rows. */
const PREVIEW_BYTES = 64 * 1024;
/** The select values of a column that fills no existing field. */
const SKIP = '-skip';
const NEW_FIELD = '-new';
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
      ${p.message ? html`<p class="alert ${p.state === 'failed' ? 'error' : 'success'}" id=${`${idPrefix}-message`}>${p.message}</p>`
        : nothing}
      ${finished && !refused(p) ? results(mosaic, p, idPrefix) : nothing}
      ${!finished && job.cancel ? html`<button type="button" id=${`${idPrefix}-cancel`} @click=${cancel}>${t('kit.import.cancel')}</button>`
        : nothing}
    </section>
    ${finished ? after : nothing}`;
}

/** A file refused as a whole (no row read): its reason is all there is to say, no counts. */
function refused(p) {
  return p.state === 'failed' && !p.processed;
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

/** The start of a file as text: at most PREVIEW_BYTES, ending after its last whole line when the file is longer. */
async function fileStart(file) {
  const text = await file.slice(0, PREVIEW_BYTES).text();
  if (file.size <= PREVIEW_BYTES) return text;
  const end = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r'));
  return end > 0 ? text.slice(0, end + 1) : text;
}

/** A path with more query parameters. */
function withQuery(path, params) {
  return `${path}${path.includes('?') ? '&' : '?'}${params}`;
}

/** A custom field key from a header: lower camel case of its letters and digits (ASCII), else field<position>. */
export function fieldKey(header, position) {
  const words = String(header).normalize('NFD').replace(/[\u0300-\u036f]/g, '').split(/[^A-Za-z0-9]+/).filter(Boolean);
  const key = words.map((w, i) => (i === 0 ? w.toLowerCase() : w[0].toUpperCase() + w.slice(1).toLowerCase())).join('');
  return /^[a-z][A-Za-z0-9_]{0,39}$/.test(key) ? key : `field${position}`;
}

/**
 * A CSV import page at {@code route} for a module's import types, e.g.
 * {@code {people: {name, title, intro, columns, upload, preview, fields, list, toList}}}: message
 * keys for the type's name, the page's title and intro and the link back to its list; the columns
 * as text; the API path that takes the file and the one that previews its first lines; where
 * new custom fields go ({@code {module, entity, permission}}, optional); the list's route. With
 * several types the page offers a choice of type, kept in the address. Element ids start with
 * {@code idPrefix}.
 */
export function importView({ route, idPrefix, types }) {
  return (mosaic, draw, alive) => {
    const { html, t, api, query, navigate, nothing, language } = mosaic;
    const names = Object.keys(types);
    const type = Object.hasOwn(types, query.get('type')) ? query.get('type') : names[0];
    const cfg = types[type];
    const total = Number(query.get('total')) || 0;
    const job = query.get('job') ? watchJob(mosaic, draw, alive, query.get('job')) : null;
    const form = formState('import', { type });
    const fileId = `${idPrefix}-file`;
    const admin = Boolean(mosaic.user && mosaic.user.admin);
    const canAddFields = Boolean(cfg.fields && mosaic.can(cfg.fields.permission));
    /** The mapping step: the chosen file, the server's preview, the choice per column position. */
    let mapping = null;
    let people = { users: [], teams: [] };
    const v = {};

    v.title = () => t(cfg.title);
    v.load = async () => {
      if (job) await job.load();
    };
    v.stop = () => job && job.stop();

    /** Users and teams for the owner and team selects: administrators give imported records to anyone. */
    async function loadPeople() {
      if (!admin || people.users.length) return;
      const [users, teams] = await Promise.all([api.get('users?limit=500'), api.get('teams?limit=500')]);
      people = { users: users.items.filter((u) => u.enabled), teams: teams.items };
    }

    async function check(event) {
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
        const [preview] = await Promise.all([
          api.upload(withQuery(cfg.preview, `lang=${encodeURIComponent(language)}`), new Blob([await fileStart(file)], { type: 'text/csv' })),
          loadPeople()]);
        const choices = {};
        const labels = {};
        for (const c of preview.columns) {
          choices[c.position] = c.field || '';
          labels[c.position] = c.header;
        }
        mapping = { file, preview, choices, labels, missing: [], error: null, busy: false };
        form.values.ownerId = '';
        form.values.teamId = '';
      } catch (e) {
        form.error = e;
      }
      form.busy = false;
      draw();
      if (mapping) document.getElementById(`${idPrefix}-mapping-title`)?.focus();
    }

    /** Makes the custom fields the user asked for; answers position → the new field's column. */
    async function createFields() {
      const made = {};
      for (const [position, choice] of Object.entries(mapping.choices)) {
        if (choice !== NEW_FIELD) continue;
        const label = String(mapping.labels[position] || '').trim();
        const field = await api.post(`${encodeURIComponent(cfg.fields.module)}/fields`,
          { entity: cfg.fields.entity, key: fieldKey(label, position), label, type: 'text', required: false });
        made[position] = `cf.${field.key}`;
        // Made once: a failure further on must not make it again.
        mapping.choices[position] = made[position];
      }
      return made;
    }

    async function start(event) {
      event.preventDefault();
      mapping.error = null;
      mapping.missing = mapping.preview.columns.filter((c) => !mapping.choices[c.position]).map((c) => c.position);
      if (mapping.missing.length) {
        draw();
        document.getElementById(`${idPrefix}-map-${mapping.missing[0]}`)?.focus();
        return;
      }
      mapping.busy = true;
      draw();
      try {
        await createFields();
        const params = new URLSearchParams();
        for (const c of mapping.preview.columns) {
          const choice = mapping.choices[c.position];
          if (choice === SKIP) params.append('skip', c.position);
          else params.append('map', `${c.position}:${choice}`);
        }
        if (form.values.ownerId) params.set('ownerId', form.values.ownerId);
        if (form.values.teamId) params.set('teamId', form.values.teamId);
        const text = await mapping.file.text();
        const answer = await api.upload(withQuery(cfg.upload, params), new Blob([text], { type: 'text/csv' }));
        navigate(`${route}?type=${type}&job=${encodeURIComponent(answer.jobId)}&total=${countRows(text)}`);
        return;
      } catch (e) {
        mapping.error = e;
      }
      mapping.busy = false;
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
        <form class="card" id=${`${idPrefix}-form`} @submit=${check} @change=${chooseType}>
          ${errorBox(mosaic, form.error)}
          ${names.length > 1 ? input(mosaic, form, 'type', t('kit.import.type'), { type: 'select',
            options: names.map((k) => [k, t(types[k].name)]) }) : nothing}
          <div class="field">
            <label for=${fileId}>${t('kit.import.file')}</label>
            <input id=${fileId} name="file" type="file" accept=".csv,.txt,text/csv" aria-describedby=${`${fileId}-error`}
                aria-invalid=${form.missing ? 'true' : 'false'}>
            ${form.missing ? html`<span class="field-error" id=${`${fileId}-error`}>${t('kit.import.chooseFile')}</span>` : nothing}
          </div>
          <button type="submit" class="primary" ?disabled=${form.busy}>${form.busy ? t('kit.import.reading') : t('kit.import.next')}</button>
        </form>`;
    }

    function columnSelect(c) {
      const id = `${idPrefix}-map-${c.position}`;
      const choice = mapping.choices[c.position];
      const missing = mapping.missing.includes(c.position);
      const set = (e) => {
        mapping.choices[c.position] = e.target.value;
        mapping.missing = mapping.missing.filter((p) => p !== c.position);
        draw();
      };
      const setLabel = (e) => {
        mapping.labels[c.position] = e.target.value;
      };
      return html`
        <select id=${id} aria-label=${t('kit.import.fieldFor', { column: c.header })} aria-invalid=${missing ? 'true' : 'false'}
            aria-describedby=${missing ? `${id}-error` : nothing} @change=${set}>
          <option value="" ?selected=${!choice}>${t('kit.import.choose')}</option>
          ${mapping.preview.fields.map((f) => html`<option value=${f.key} ?selected=${choice === f.key}>${f.label}${f.required ? ' *' : ''}</option>`)}
          <option value=${SKIP} ?selected=${choice === SKIP}>${t('kit.import.skipColumn')}</option>
          ${canAddFields ? html`<option value=${NEW_FIELD} ?selected=${choice === NEW_FIELD}>${t('kit.import.newField')}</option>` : nothing}
        </select>
        ${missing ? html`<span class="field-error" id=${`${id}-error`}>${t('kit.import.chooseField')}</span>` : nothing}
        ${choice === NEW_FIELD ? html`<label class="kit-new-field">${t('kit.import.newFieldLabel')}
            <input id=${`${idPrefix}-new-${c.position}`} .value=${mapping.labels[c.position]} @input=${setLabel}></label>` : nothing}`;
    }

    function ownerFields() {
      if (!admin) return nothing;
      return html`
        <fieldset class="kit-owner" id=${`${idPrefix}-owner`}>
          <legend>${t('kit.import.ownerLegend')}</legend>
          ${input(mosaic, form, 'ownerId', t('kit.import.owner'), { type: 'select',
            options: [['', t('kit.import.ownerMe')], ...people.users.map((u) => [u.id, u.username])] })}
          ${input(mosaic, form, 'teamId', t('kit.import.team'), { type: 'select',
            options: [['', t('kit.import.teamOfOwner')], ...people.teams.map((tm) => [tm.id, tm.name])] })}
        </fieldset>`;
    }

    function mapper() {
      const p = mapping.preview;
      const delimiter = { ',': 'comma', ';': 'semicolon', '\t': 'tab' }[p.delimiter] || 'comma';
      return html`
        <form class="card" id=${`${idPrefix}-mapping`} @submit=${start} aria-labelledby=${`${idPrefix}-mapping-title`}>
          <h2 id=${`${idPrefix}-mapping-title`} tabindex="-1">${t('kit.import.mappingTitle')}</h2>
          <p>${t('kit.import.mappingIntro', { file: mapping.file.name, delimiter: t(`kit.import.delimiter.${delimiter}`) })}</p>
          ${errorBox(mosaic, mapping.error)}
          ${tableWrap(mosaic, t('kit.import.mappingTitle'), html`<table id=${`${idPrefix}-columns`}>
            <thead><tr><th scope="col">${t('kit.import.column')}</th><th scope="col">${t('kit.import.samples')}</th>
              <th scope="col">${t('kit.import.field')}</th></tr></thead>
            <tbody>${p.columns.map((c) => html`<tr data-position=${c.position}>
              <th scope="row">${c.header}</th>
              <td>${c.samples.join(', ')}</td>
              <td>${columnSelect(c)}</td></tr>`)}</tbody></table>`)}
          ${ownerFields()}
          <p class="kit-actions">
            <button type="submit" class="primary" id=${`${idPrefix}-start`} ?disabled=${mapping.busy}>
              ${mapping.busy ? t('kit.import.uploading') : t('kit.import.start')}</button>
            <button type="button" @click=${() => { mapping = null; draw(); }}>${t('kit.import.otherFile')}</button>
          </p>
        </form>`;
    }

    const after = () => html`<p class="kit-actions"><a class="button primary" href=${cfg.list}>${t(cfg.toList)}</a>
      <a class="button" href=${`${route}?type=${type}`}>${t('kit.import.another')}</a></p>`;

    v.render = () => {
      if (job && job.progress) return importProgress(mosaic, job, { total, idPrefix, after: after(), draw });
      return mapping ? mapper() : chooser();
    };
    return v;
  };
}
