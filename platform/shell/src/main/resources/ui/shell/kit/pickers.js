// Choosing one of many: a type-ahead combobox that asks the server as the user types (so any of
// 100,000 records can be chosen, never only the first page), and the owner/team pickers every
// record form offers to those who may assign. The combobox follows the WAI-ARIA combobox pattern
// (an input with a listbox popup, arrow keys, Enter, Escape; the count of matches announced).

import { fieldErrors, fieldMessages } from './form.js';

const DELAY_MS = 200;
const SHOWN = 20;

/** The combobox state of {@code name} in a form: what is typed, the matches, the highlighted one. */
function comboOf(form, name) {
  form.combos = form.combos || {};
  if (!form.combos[name]) form.combos[name] = { text: '', chosen: '', items: [], total: 0, open: false, active: -1, seq: 0, timer: null };
  return form.combos[name];
}

/**
 * Sets what a combobox shows as chosen: the value goes into {@code form.values[name]}, the text
 * (the record's name) into the input. For a form's start values and for a preselection.
 */
export function setChoice(form, name, value, text) {
  const c = comboOf(form, name);
  form.values[name] = value || '';
  c.text = value ? (text || value) : '';
  c.chosen = c.text;
  c.open = false;
}

/**
 * A labelled type-ahead bound to {@code form.values[name]} (the chosen value's id; '' for none).
 * {@code search(text)} resolves to {@code {items: [[value, text, record?]], total}} for what was
 * typed; {@code draw} redraws the page when matches arrive; {@code onChoose(record)} hears of a
 * choice (with the item's record). Clearing the text chooses none.
 */
export function combobox(mosaic, form, draw, name, label, { search, hint, required = false, placeholder, onChoose } = {}) {
  const { html, nothing, live, ifDefined, t, fmt } = mosaic;
  const c = comboOf(form, name);
  const id = `${form.id}-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;
  const listId = `${id}-list`;
  const messages = fieldErrors(form).get(name) || [];
  const describedBy = [messages.length ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(' ') || undefined;

  const ask = (text) => {
    const seq = ++c.seq;
    search(text).then((page) => {
      if (seq !== c.seq) return; // an older answer arriving after a newer one is dropped
      c.items = page.items.slice(0, SHOWN);
      c.total = page.total ?? page.items.length;
      c.open = true;
      c.active = -1;
      c.failed = false;
      draw();
    }, () => {
      if (seq !== c.seq) return;
      c.items = [];
      c.total = 0;
      c.open = true;
      c.failed = true;
      draw();
    });
  };
  const choose = ([value, text, record]) => {
    setChoice(form, name, value, text);
    if (onChoose) onChoose(record);
    draw();
  };
  const onInput = (e) => {
    c.text = e.target.value;
    if (!c.text.trim()) form.values[name] = '';
    clearTimeout(c.timer);
    c.timer = setTimeout(() => ask(c.text.trim()), DELAY_MS);
  };
  const onKey = (e) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!c.open) { ask(c.text.trim()); return; }
      if (!c.items.length) return;
      const step = e.key === 'ArrowDown' ? 1 : -1;
      c.active = (c.active + step + c.items.length) % c.items.length;
      draw();
    } else if (e.key === 'Enter' && c.open) {
      e.preventDefault();
      const item = c.items[c.active >= 0 ? c.active : 0];
      if (item) choose(item);
    } else if (e.key === 'Escape' && c.open) {
      e.preventDefault();
      e.stopPropagation();
      c.open = false;
      draw();
    }
  };
  const onBlur = () => {
    // Typing without choosing changes nothing: the input shows the chosen record again; an emptied input chooses none.
    clearTimeout(c.timer);
    c.seq += 1;
    if (!c.text.trim()) setChoice(form, name, '', '');
    else c.text = c.chosen;
    c.open = false;
    draw();
  };
  const activeId = c.open && c.active >= 0 ? `${id}-opt-${c.active}` : undefined;
  let status = '';
  if (c.open) {
    if (c.failed) status = t('kit.combo.failed');
    else if (!c.items.length) status = t('kit.combo.none');
    else if (c.total > c.items.length) status = t('kit.combo.more', { shown: fmt.number(c.items.length), total: fmt.number(c.total) });
    else status = t('kit.combo.count', { count: fmt.number(c.items.length) });
  }
  return html`<div class="field kit-combo" data-field=${name}>
    <label for=${id}>${label}${required ? html` <span aria-hidden="true">*</span>` : nothing}</label>
    <input id=${id} name=${name} type="text" role="combobox" autocomplete="off" spellcheck="false"
        aria-autocomplete="list" aria-expanded=${c.open ? 'true' : 'false'} aria-controls=${listId}
        aria-activedescendant=${ifDefined(activeId)} aria-invalid=${messages.length ? 'true' : 'false'}
        aria-required=${required ? 'true' : 'false'} aria-describedby=${ifDefined(describedBy)} placeholder=${ifDefined(placeholder)}
        .value=${live(c.text)} @input=${onInput} @keydown=${onKey} @blur=${onBlur} @focus=${(e) => e.target.select()}>
    <ul id=${listId} role="listbox" class="kit-combo-list" aria-label=${label} ?hidden=${!c.open || !c.items.length}>
      ${c.items.map((item, i) => html`<li id=${`${id}-opt-${i}`} role="option" data-value=${item[0]}
          aria-selected=${i === c.active ? 'true' : 'false'} class=${i === c.active ? 'active' : ''}
          @mousedown=${(e) => { e.preventDefault(); choose(item); }}>${item[1]}</li>`)}
    </ul>
    <span class="visually-hidden" role="status" aria-live="polite">${status}</span>
    ${c.open && status && !c.items.length ? html`<span class="hint">${status}</span>` : nothing}
    ${fieldMessages(mosaic, id, messages, hint)}
  </div>`;
}

/** A search over a record list of the API ({@code path?q=…&limit=…}) for a combobox, each record named by {@code nameOf}. */
export function listSearch(api, path, nameOf, extra = '') {
  return async (text) => {
    const page = await api.get(`${path}?limit=${SHOWN}${extra}${text ? `&q=${encodeURIComponent(text)}` : ''}`);
    return { items: page.items.map((r) => [r.id, nameOf(r), r]), total: page.total };
  };
}

/** The users the signed-in user may give records or work to (GET /users/assignable), for a combobox. */
export function userSearch(api) {
  return listSearch(api, 'users/assignable', (u) => u.username);
}

/** The user name of a user id, when the signed-in user may assign to them; null otherwise. */
export async function userName(api, id) {
  if (!id) return null;
  const page = await api.get(`users/assignable?id=${encodeURIComponent(id)}&limit=1`).catch(() => ({ items: [] }));
  return page.items.length ? page.items[0].username : null;
}

/**
 * What the owner and team pickers need for a record ({@code null} for a new one): the teams the
 * user may give records to (administrators: every team; others: their own) and the current
 * owner's name. Put it in the form with {@link ownershipToForm}.
 */
export async function loadOwnership(mosaic, record) {
  const { api, user } = mosaic;
  const [teams, owner] = await Promise.all([
    api.get('teams?limit=200').then((p) => p.items, () => []),
    userName(api, record ? record.ownerId : user.id),
  ]);
  const mine = teams.filter((team) => user.admin || team.id === user.teamId || (record && team.id === record.teamId));
  return { teams: mine, ownerName: owner };
}

/** Puts a record's owner and team (a new record: the user and their team) into the form. */
export function ownershipToForm(mosaic, form, record, ownership) {
  const ownerId = record ? record.ownerId : mosaic.user.id;
  setChoice(form, 'ownerId', ownerId, ownership.ownerName || (record ? mosaic.t('kit.owner.other') : mosaic.user.username));
  form.values.teamId = (record ? record.teamId : mosaic.user.teamId) || '';
}

/** The owner and team of a body, when the form's values differ from the record's (or for a new record, when chosen). */
export function ownershipFromForm(form, record) {
  const body = {};
  if (form.values.ownerId && (!record || form.values.ownerId !== record.ownerId)) body.ownerId = form.values.ownerId;
  if (form.values.teamId && (!record || form.values.teamId !== record.teamId)) body.teamId = form.values.teamId;
  return body;
}

/** The owner (a type-ahead of assignable users) and team (a select) of a record form. */
export function ownershipInputs(mosaic, form, draw, ownership) {
  const { html, t } = mosaic;
  const id = `${form.id}-teamId`;
  const messages = fieldErrors(form).get('teamId') || [];
  return html`<fieldset class="kit-ownership"><legend>${t('kit.owner.legend')}</legend>
    <div class="kit-ownership-fields">
      ${combobox(mosaic, form, draw, 'ownerId', t('kit.owner.owner'), { search: userSearch(mosaic.api), hint: t('kit.owner.hint'),
        // A record goes to its new owner's team, unless the user then picks another one they may give it to.
        onChoose: (user) => { if (user && ownership.teams.some((team) => team.id === user.teamId)) form.values.teamId = user.teamId; } })}
      <div class="field" data-field="teamId">
        <label for=${id}>${t('kit.owner.team')}</label>
        <select id=${id} name="teamId" .value=${mosaic.live(form.values.teamId)} aria-invalid=${messages.length ? 'true' : 'false'}
            aria-describedby=${mosaic.ifDefined(messages.length ? `${id}-error` : undefined)}
            @change=${(e) => { form.values.teamId = e.target.value; }}>
          ${ownership.teams.map((team) => html`<option value=${team.id} ?selected=${team.id === form.values.teamId}>${team.name}</option>`)}
        </select>
        ${fieldMessages(mosaic, id, messages)}
      </div>
    </div>
  </fieldset>`;
}
