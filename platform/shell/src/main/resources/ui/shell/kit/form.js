// Forms of module pages: what the user typed lives in a form state and survives a refusal, the
// server's field messages appear next to their inputs (linked for screen readers), a save that
// meets someone else's newer version (409) keeps the typing and says so, and leaving a form with
// changes that are not saved asks first (the shell asks; see unsavedForms).

import { errorBox } from './view.js';

// The form states of the page on show, by id (a newer state of one id replaces the older: a page
// that starts its form again after a reload). The shell forgets them when the page goes.
const pageForms = new Map();

/**
 * A form's state: what the user typed ({@code values}), the last failure ({@code error}),
 * whether a versioned save met a newer version ({@code conflict}), {@code busy} and a
 * confirmation ({@code done}). {@code id} prefixes the inputs' ids ({@code <id>-<name>});
 * {@code aliases} names the input of API fields the form edits under another name.
 */
export function formState(id, values = {}, aliases = {}) {
  const form = { id, values, aliases, error: null, conflict: false, busy: false, done: null, start: null, edited: new Set() };
  pageForms.set(id, form);
  return form;
}

// ---- unsaved changes -------------------------------------------------------------------
// A form is changed when its values differ from what they were before the user's first edit
// (so typing and deleting it again is no change), and only while a control the user edited is
// still on the page (an edit form closed without saving is gone, not pending). A successful
// submit, or a reload after a conflict, starts it afresh. Filter forms (role="search") never
// count: leaving a filter half typed loses nothing.

const snapshot = (values) => JSON.stringify(values, (key, value) => (value instanceof Set ? [...value] : value));

/** The form state a page control belongs to: inputs are named {@code <form id>-<name>} by the kit. */
function formOfControl(control) {
  let best = null;
  for (const form of pageForms.values()) {
    if (control.id.startsWith(`${form.id}-`) && (!best || form.id.length > best.id.length)) best = form;
  }
  return best;
}

/**
 * Heard by the shell before an input's own handlers ({@code input} and {@code change} events of
 * the page, in the capture phase): the first edit of a form keeps the values it started from.
 */
export function noteEdit(control) {
  if (!control || !control.id || control.closest('[role="search"]')) return;
  const form = formOfControl(control);
  if (!form) return;
  if (form.start === null) form.start = snapshot(form.values);
  form.edited.add(control);
}

/** Whether the user changed the form since it was loaded or last saved. */
export function formChanged(form) {
  return form.start !== null && [...form.edited].some((control) => control.isConnected) && snapshot(form.values) !== form.start;
}

/** The form is saved (or reloaded): what it holds now is its new start. */
export function formSaved(form) {
  form.start = null;
  form.edited.clear();
}

/** The page's forms with changes that are not saved. */
export function unsavedForms() {
  return [...pageForms.values()].filter(formChanged);
}

/** The shell calls this when a page goes: its forms go with it. */
export function forgetForms() {
  pageForms.clear();
}

/**
 * The platform's one list rule (as CsvCells on the server): a comma or a semicolon separates the
 * values of a list typed as text (tags), blanks are no values; lists are shown joined with ", ".
 */
export const LIST_SEPARATOR = ', ';
export function splitList(text) {
  return String(text || '').split(/[,;]/).map((s) => s.trim()).filter(Boolean);
}
export function joinList(values) {
  return (values || []).join(LIST_SEPARATOR);
}

/** The form input an API field error belongs to: {@code emails[0].address} → emails, {@code customFields.size} → cf.size. */
export function inputOf(apiField) {
  if (apiField.startsWith('customFields.')) return `cf.${apiField.slice('customFields.'.length).split(/[.[]/)[0]}`;
  return apiField.split(/[.[]/)[0];
}

/** The server's field messages of the form's last failure, by input name. */
export function fieldErrors(form) {
  const byInput = new Map();
  for (const e of (form.error && form.error.errors) || []) {
    const field = inputOf(e.field);
    const key = form.aliases[field] || field;
    byInput.set(key, [...(byInput.get(key) || []), e.message]);
  }
  return byInput;
}

/** aria-invalid for a hand-made input: whether {@code error} (an ApiError or null) names it. */
export function ariaInvalid(error, name) {
  return error && (error.errors || []).some((e) => inputOf(e.field) === name) ? 'true' : 'false';
}

/**
 * A labelled input bound to {@code form.values[name]}, with the server's message for it right
 * below and linked through aria-describedby. {@code type}: text, email, tel, search, number,
 * date, datetime-local, textarea, select (options: [[value, text]]), checkbox.
 */
export function input(mosaic, form, name, label, { type = 'text', options = [], hint, required = false, autocomplete } = {}) {
  const { html, nothing, live, ifDefined } = mosaic;
  const id = `${form.id}-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;
  const messages = fieldErrors(form).get(name) || [];
  const describedBy = [messages.length ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(' ') || undefined;
  const invalid = messages.length ? 'true' : 'false';
  const set = (e) => {
    form.values[name] = e.target.type === 'checkbox' ? e.target.checked : e.target.value;
  };
  const value = form.values[name] ?? '';
  let control;
  if (type === 'select') {
    control = html`<select id=${id} name=${name} aria-invalid=${invalid} aria-describedby=${ifDefined(describedBy)}
        aria-required=${required ? 'true' : 'false'} @change=${set}>
      ${options.map(([v, text]) => html`<option value=${v} ?selected=${v === value}>${text}</option>`)}
    </select>`;
  } else if (type === 'textarea') {
    control = html`<textarea id=${id} name=${name} rows="4" aria-invalid=${invalid} aria-describedby=${ifDefined(describedBy)}
        .value=${live(value)} @input=${set}></textarea>`;
  } else if (type === 'checkbox') {
    return html`<div class="field check-field" data-field=${name}>
      <label class="check"><input id=${id} name=${name} type="checkbox" aria-invalid=${invalid}
          aria-describedby=${ifDefined(describedBy)} .checked=${live(Boolean(form.values[name]))} @change=${set}> ${label}</label>
      ${fieldMessages(mosaic, id, messages, hint)}
    </div>`;
  } else {
    control = html`<input id=${id} name=${name} type=${type} aria-invalid=${invalid} aria-describedby=${ifDefined(describedBy)}
        aria-required=${required ? 'true' : 'false'} autocomplete=${ifDefined(autocomplete)} .value=${live(String(value))} @input=${set}>`;
  }
  return html`<div class="field" data-field=${name}>
    <label for=${id}>${label}${required ? html` <span aria-hidden="true">*</span>` : nothing}</label>
    ${control}
    ${fieldMessages(mosaic, id, messages, hint)}
  </div>`;
}

/** An input's hint and the server's messages for it, with the ids its aria-describedby names. */
export function fieldMessages(mosaic, id, messages, hint) {
  const { html, nothing } = mosaic;
  return html`${hint ? html`<span class="hint" id=${`${id}-hint`}>${hint}</span>` : nothing}
    ${messages.length ? html`<span class="field-error" id=${`${id}-error`}>${messages.join(' ')}</span>` : nothing}`;
}

/** Puts the keyboard on the first input the server refused, after the page has drawn it. */
export function focusFirstInvalid() {
  requestAnimationFrame(() => {
    const bad = document.querySelector('#page [aria-invalid="true"]');
    if (bad) bad.focus();
  });
}

/**
 * Runs a form's call: busy while it runs, its failure kept on the form for the inputs and alerts
 * to show, the keyboard on the first refused input. {@code versioned}: the call carried the
 * version the form started from, so a 409 means someone else saved in between; that sets
 * {@code form.conflict} (see conflictBox) rather than {@code form.error}. Resolves to whether
 * the call succeeded; what was typed stays either way.
 */
export async function submit(form, draw, action, { versioned = false } = {}) {
  form.busy = true;
  form.error = null;
  form.conflict = false;
  form.done = null;
  draw();
  let ok = false;
  try {
    await action();
    ok = true;
    formSaved(form);
  } catch (e) {
    if (versioned && e.status === 409) form.conflict = true;
    else form.error = e;
  }
  form.busy = false;
  draw();
  if (!ok) focusFirstInvalid();
  return ok;
}

/**
 * What a stale save says: the changes were not saved and are still in the form; with
 * {@code reload} a button loads the current version (replacing what was typed) and announces it.
 * {@code message} replaces the kit's sentence for records that are not "this record".
 */
export function conflictBox(mosaic, form, draw, { id, message, reload } = {}) {
  const { html, t, nothing, ifDefined } = mosaic;
  if (!form.conflict) return nothing;
  async function load() {
    form.conflict = false;
    form.error = null;
    try {
      await reload();
      formSaved(form);
      mosaic.announce(t('kit.form.reloaded'));
    } catch (e) {
      form.error = e;
    }
    draw();
  }
  return html`<div class="alert error" role="alert" id=${ifDefined(id)}>
    <p>${message || t('kit.form.conflict')}</p>
    ${reload ? html`<button type="button" @click=${load}>${t('kit.form.reload')}</button>` : nothing}</div>`;
}

/**
 * The alert at the top of a form: when every field message of the failure has its input among
 * {@code inputs} (so it shows next to it), a pointer to them; otherwise the whole problem.
 */
export function formAlert(mosaic, form, inputs, { id } = {}) {
  const { html, t, nothing, ifDefined } = mosaic;
  if (!form.error) return nothing;
  const placed = [...fieldErrors(form).keys()];
  if (placed.length && placed.every((name) => inputs.includes(name))) {
    return html`<p class="alert error" role="alert" id=${ifDefined(id)}>${t('kit.form.checkFields')}</p>`;
  }
  return errorBox(mosaic, form.error);
}
