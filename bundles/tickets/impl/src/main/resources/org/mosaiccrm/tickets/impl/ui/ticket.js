// /tickets/new: a new ticket's form (the requester is a person the user can reach, found by
// typing their name). /tickets/<id>: the ticket with its SLA clocks, its status, priority and
// queue (a change that meets someone else's newer save keeps what was chosen and shows the
// ticket as it is now), the conversation (public replies and internal notes look different) and
// the reply form. The ticket's custom fields (the desk's own: the portal never shows them) are
// in the new ticket's form, among the ticket's facts and in its change form; a refused value is
// named next to its input and what was typed stays.

import {
  combobox, conflictBox, customFields, customFromForm, customInput, customText, customToForm, formAlert, formChanged, formState, input,
  listSearch, setChoice, splitList, joinList, submit, tableWrap, userSearch,
} from '/ui/shell/kit.js';
import {
  CHANNELS, CLOCKS, PRIORITIES, STATUSES, attachmentList, clockState, codeOptions, minutes, personHref, personName, queues, ticketHref,
  users, withFiles,
} from './common.js';
import { portalAccessPanel } from './portal-access.js';

const NEW_FIELDS = ['subject', 'description', 'requesterId', 'queueId', 'priority', 'channel', 'tags'];
const CHANGE_FIELDS = ['status', 'priority', 'queueId', 'assigneeId'];

/** The form names of the custom fields' inputs. */
const customNames = (fields) => fields.map((def) => `cf.${def.key}`);

/** The ticket's custom values as the form holds them. */
function customValues(fields, ticket) {
  return Object.fromEntries(fields.map((def) => [`cf.${def.key}`, customToForm(def, ((ticket && ticket.customFields) || {})[def.key])]));
}

/** The custom inputs of a form, grouped, or nothing when tickets have no custom fields. */
function customFieldset(mosaic, form, fields) {
  const { html, t, nothing } = mosaic;
  return fields.length ? html`<fieldset class="tickets-custom"><legend>${t('tickets.customFields')}</legend>
    <div class="tickets-grid">${fields.map((def) => customInput(mosaic, form, def))}</div></fieldset>` : nothing;
}

export function newTicketView(mosaic, draw) {
  const { html, t, api, navigate } = mosaic;
  const v = { queues: null, fields: [] };
  let form = formState('ticket', {});

  v.title = () => t('tickets.new');
  v.load = async () => {
    [v.queues, v.fields] = await Promise.all([queues(api), customFields(api, 'tickets', 'ticket')]);
    form = formState('ticket', { subject: '', description: '', requesterId: '', queueId: '', priority: 'normal', channel: 'phone', tags: '',
      ...customValues(v.fields, null) });
  };

  async function save(event) {
    event.preventDefault();
    const values = form.values;
    const body = {
      subject: String(values.subject || '').trim(), description: values.description || null, requesterId: values.requesterId || null,
      priority: values.priority, channel: values.channel, tags: splitList(values.tags),
    };
    if (values.queueId) body.queueId = values.queueId;
    if (v.fields.length) body.customFields = Object.fromEntries(v.fields.map((def) => [def.key, customFromForm(def, values[`cf.${def.key}`])]));
    let saved = null;
    const ok = await submit(form, draw, async () => { saved = await api.post('tickets', body); });
    if (ok) {
      mosaic.announce(t('tickets.created', { number: saved.number }));
      navigate(ticketHref(saved.id));
    }
  }

  v.render = () => html`
    <form class="card" id="tickets-form" @submit=${save} novalidate>
      ${formAlert(mosaic, form, [...NEW_FIELDS, ...customNames(v.fields)], { id: 'tickets-form-error' })}
      ${input(mosaic, form, 'subject', t('tickets.field.subject'), { required: true })}
      ${combobox(mosaic, form, draw, 'requesterId', t('tickets.field.requester'), { required: true, hint: t('tickets.requester.hint'),
        search: listSearch(api, 'contacts/people', personName, '&sort=lastName') })}
      ${input(mosaic, form, 'description', t('tickets.field.description'), { type: 'textarea' })}
      <div class="tickets-grid">
        ${input(mosaic, form, 'queueId', t('tickets.field.queue'), { type: 'select',
          options: [['', t('tickets.queue.none')], ...v.queues.items.map((q) => [q.id, q.name])] })}
        ${input(mosaic, form, 'priority', t('tickets.field.priority'), { type: 'select', options: codeOptions(t, 'tickets.priority', PRIORITIES) })}
        ${input(mosaic, form, 'channel', t('tickets.field.channel'), { type: 'select', options: codeOptions(t, 'tickets.channel', CHANNELS) })}
      </div>
      ${input(mosaic, form, 'tags', t('tickets.field.tags'), { hint: t('tickets.tags.hint') })}
      ${customFieldset(mosaic, form, v.fields)}
      <div class="kit-actions">
        <button type="submit" class="primary" ?disabled=${form.busy}>${t('tickets.create')}</button>
        <a href="/tickets">${t('tickets.cancel')}</a>
      </div>
    </form>`;
  return v;
}

/** The SLA clocks: each one's target, due time or outcome, and the working time it has used. */
function slaSection(mosaic, ticket) {
  const { html, t, fmt, nothing } = mosaic;
  const sla = ticket.sla || {};
  const rows = CLOCKS.map((name) => {
    const clock = sla[name] || {};
    const state = clockState(ticket, clock);
    const bad = ['overdue', 'metLate', 'stoppedLate'].includes(state.key);
    return html`<tr data-clock=${name} data-state=${state.key}>
      <th scope="row">${t(`tickets.clock.${name}`)}</th>
      <td data-label=${t('tickets.sla.target')}>${clock.target ? minutes(mosaic, clock.target) : '—'}</td>
      <td data-label=${t('tickets.sla.state')} class=${bad ? 'tickets-flag' : ''}>${t(`tickets.clock.state.${state.key}`,
        { at: state.at ? fmt.dateTime(state.at) : '' })}</td>
      <td data-label=${t('tickets.sla.used')}>${clock.target ? minutes(mosaic, clock.usedMinutes) : '—'}</td></tr>`;
  });
  return html`<section class="card" aria-labelledby="tickets-sla-title">
    <h2 id="tickets-sla-title">${t('tickets.sla.title')}${sla.breached ? html` <strong class="tickets-flag" id="tickets-breached">${
      t('tickets.sla.breached')}</strong>` : nothing}</h2>
    ${sla.policyId ? nothing : html`<p class="hint">${t('tickets.sla.noPolicy')}</p>`}
    ${['pending', 'on_hold'].includes(ticket.status) ? html`<p class="tickets-paused" id="tickets-paused">${t('tickets.sla.pausedWhile',
      { status: t(`tickets.status.${ticket.status}`) })}</p>` : nothing}
    ${tableWrap(mosaic, t('tickets.sla.title'), html`<table id="tickets-sla" class="kit-cards">
      <thead><tr><th scope="col">${t('tickets.sla.clock')}</th><th scope="col">${t('tickets.sla.target')}</th>
        <th scope="col">${t('tickets.sla.state')}</th><th scope="col">${t('tickets.sla.used')}</th></tr></thead>
      <tbody>${rows}</tbody></table>`)}
  </section>`;
}

/** The conversation, oldest first: public replies and internal notes, each saying which it is, with its files. */
function conversation(mosaic, comments, who, fileHref) {
  const { html, t, fmt } = mosaic;
  return html`<section class="card" aria-labelledby="tickets-conversation-title">
    <h2 id="tickets-conversation-title">${t('tickets.conversation')}</h2>
    ${comments.length ? html`<ol class="tickets-conversation" id="tickets-conversation">
      ${comments.map((c) => html`<li class=${c.isPublic ? 'tickets-comment public' : 'tickets-comment internal'} data-id=${c.id}
          data-public=${c.isPublic ? 'true' : 'false'}>
        <p class="tickets-comment-head"><strong>${t(c.isPublic ? 'tickets.reply.public' : 'tickets.reply.internal')}</strong>
          · ${who.name(c.authorId) || t('tickets.someone')} · <time datetime=${c.createdAt}>${fmt.dateTime(c.createdAt)}</time></p>
        <p class="tickets-comment-body">${c.body}</p>
        ${attachmentList(mosaic, c.attachments, fileHref)}
      </li>`)}</ol>` : html`<p id="tickets-conversation-empty">${t('tickets.conversation.none')}</p>`}
  </section>`;
}

export function ticketView(id) {
  return (mosaic, draw) => {
    const { html, t, api, nothing } = mosaic;
    const v = { ticket: null, comments: [], files: [], queues: null, who: null, current: null, canned: [], cannedId: '', cannedError: null,
      fields: [] };
    let change = formState('tickets-change', {});
    let reply = formState('tickets-reply', {});
    const path = `tickets/${encodeURIComponent(id)}`;
    const fileHref = (f) => `/api/v1/${path}/attachments/${encodeURIComponent(f.id)}`;
    /** The files chosen in the reply form's picker. */
    let chosen = [];
    const conversationOf = (r) => { v.files = r.attachments || []; return r.items; };

    const changeValues = (k) => ({ status: k.status, priority: k.priority, queueId: k.queueId || '', ...customValues(v.fields, k) });
    /** The change form of the ticket as it is: its codes, and its assignee chosen in the picker by name. */
    const changeForm = (k) => {
      const form = formState('tickets-change', changeValues(k));
      setChoice(form, 'assigneeId', k.assigneeId || '', k.assigneeId ? v.who.name(k.assigneeId) || t('tickets.someone') : '');
      return form;
    };
    v.title = () => (v.ticket ? `#${v.ticket.number} ${v.ticket.subject}` : t('tickets.title'));
    v.load = async () => {
      [v.ticket, v.comments, v.queues, v.who, v.fields] = await Promise.all([api.get(path), api.get(`${path}/comments`).then(conversationOf),
        queues(api), users(mosaic), customFields(api, 'tickets', 'ticket')]);
      change = changeForm(v.ticket);
      reply = formState('tickets-reply', { body: '', kind: 'public' });
      // Who may give portal access sees the requester's; the page works without it.
      v.portal = mosaic.can('tickets.portal') ? portalAccessPanel(mosaic, v.ticket.requesterId, draw) : null;
      if (v.portal) await v.portal.load().catch(() => { v.portal = null; });
      // The picker is a help: the page works without it.
      v.canned = mosaic.can('tickets.write') ? await api.get('tickets/canned-responses').then((r) => r.items, () => []) : [];
    };

    /** Fills the reply box with the chosen canned response as rendered for this ticket; the agent may still change it. */
    async function insertCanned() {
      if (!v.cannedId) return;
      v.cannedError = null;
      try {
        const rendered = await api.post(`${path}/canned-responses/${encodeURIComponent(v.cannedId)}/render`, {});
        reply.values.body = rendered.body;
      } catch (e) {
        v.cannedError = e.message;
      }
      draw();
    }

    async function refresh() {
      [v.ticket, v.comments] = await Promise.all([api.get(path), api.get(`${path}/comments`).then(conversationOf)]);
    }

    async function saveChange(event) {
      event.preventDefault();
      const values = change.values;
      const body = { version: v.ticket.version };
      if (values.status !== v.ticket.status) body.status = values.status;
      if (values.priority !== v.ticket.priority) body.priority = values.priority;
      if ((values.queueId || '') !== (v.ticket.queueId || '')) body.queueId = values.queueId || null;
      if ((values.assigneeId || '') !== (v.ticket.assigneeId || '')) body.assigneeId = values.assigneeId || null;
      // Only the custom values the user changed: a value someone else set meanwhile is not overwritten by its old self.
      const stored = customValues(v.fields, v.ticket);
      const custom = v.fields.filter((def) => values[`cf.${def.key}`] !== stored[`cf.${def.key}`]);
      if (custom.length) body.customFields = Object.fromEntries(custom.map((def) => [def.key, customFromForm(def, values[`cf.${def.key}`])]));
      let saved = null;
      v.current = null;
      const ok = await submit(change, draw, async () => { saved = await api.patch(path, body); }, { versioned: true });
      if (ok) {
        v.ticket = saved;
        change = changeForm(saved);
        mosaic.announce(t('tickets.changed', { number: saved.number }));
        draw();
      } else if (change.conflict) {
        // Someone else saved first: what they saved is shown, what the user chose stays in the form.
        v.current = await api.get(path).catch(() => null);
        draw();
      }
    }

    async function reloadChange() {
      await refresh();
      v.current = null;
      change = changeForm(v.ticket);
    }

    async function sendReply(event) {
      event.preventDefault();
      const isPublic = reply.values.kind !== 'internal';
      const fields = { body: reply.values.body || '', public: isPublic };
      const ok = await submit(reply, draw, () => api.post(`${path}/comments`, chosen.length ? withFiles(fields, chosen) : fields));
      if (ok) {
        reply = formState('tickets-reply', { body: '', kind: reply.values.kind });
        chosen = [];
        const picker = document.getElementById('tickets-reply-files');
        if (picker) picker.value = '';
        await refresh();
        // A reply may open the ticket: the change form follows, unless the user is in the middle of a change there.
        if (!formChanged(change)) change = changeForm(v.ticket);
        mosaic.announce(t(isPublic ? 'tickets.reply.sent' : 'tickets.reply.noted'));
        draw();
      }
    }

    const conflictMessage = () => {
      if (!v.current) return t('kit.form.conflict');
      return t('tickets.conflict', { status: t(`tickets.status.${v.current.status}`), priority: t(`tickets.priority.${v.current.priority}`),
        queue: (v.current.queueId && v.queues.name(v.current.queueId)) || t('tickets.queue.none'),
        assignee: (v.current.assigneeId && (v.who.name(v.current.assigneeId) || t('tickets.someone'))) || t('tickets.assignee.none') });
    };

    const kindRadio = (kind) => html`<label class="check"><input type="radio" name="kind" id=${`tickets-reply-${kind}`} value=${kind}
        .checked=${mosaic.live(reply.values.kind === kind)} @change=${() => { reply.values.kind = kind; draw(); }}>
        ${t(kind === 'public' ? 'tickets.reply.public' : 'tickets.reply.internal')}</label>`;

    v.render = () => {
      const k = v.ticket;
      const writable = mosaic.can('tickets.write');
      const internal = reply.values.kind === 'internal';
      return html`
        <p><a href="/tickets">${t('tickets.back')}</a></p>
        <dl class="kit-facts" id="tickets-facts">
          <dt>${t('tickets.field.status')}</dt><dd id="tickets-status">${t(`tickets.status.${k.status}`)}</dd>
          <dt>${t('tickets.field.priority')}</dt><dd id="tickets-priority">${t(`tickets.priority.${k.priority}`)}</dd>
          <dt>${t('tickets.field.requester')}</dt><dd>${k.requesterName ? html`<a href=${personHref(k.requesterId)}>${k.requesterName}</a>` : '—'}</dd>
          <dt>${t('tickets.field.queue')}</dt><dd>${(k.queueId && v.queues.name(k.queueId)) || t('tickets.queue.none')}</dd>
          <dt>${t('tickets.field.channel')}</dt><dd>${t(`tickets.channel.${k.channel}`)}</dd>
          <dt>${t('tickets.field.assignee')}</dt><dd>${(k.assigneeId && v.who.name(k.assigneeId)) || '—'}</dd>
          ${k.tags.length ? html`<dt>${t('tickets.field.tags')}</dt><dd>${joinList(k.tags)}</dd>` : nothing}
          ${v.fields.map((def) => html`<dt>${def.label}</dt><dd data-field=${`cf.${def.key}`}>${
            customText(mosaic, def, (k.customFields || {})[def.key])}</dd>`)}
          <dt>${t('tickets.field.createdAt')}</dt><dd>${mosaic.fmt.dateTime(k.createdAt)}</dd>
          <dt>${t('tickets.field.updatedAt')}</dt><dd>${mosaic.fmt.dateTime(k.updatedAt)}</dd>
          ${k.satisfaction ? html`<dt>${t('tickets.rating.label')}</dt><dd id="tickets-satisfaction">${t('tickets.rating.given',
            { score: k.satisfaction.score })} · ${mosaic.fmt.dateTime(k.satisfaction.ratedAt)}${k.satisfaction.comment ? html`
            <q class="tickets-rating-comment">${k.satisfaction.comment}</q>` : nothing}</dd>` : nothing}
        </dl>
        ${k.description ? html`<section class="card"><h2>${t('tickets.field.description')}</h2>
          <p class="tickets-comment-body" id="tickets-description">${k.description}</p>
          ${attachmentList(mosaic, v.files, fileHref, 'tickets-files')}</section>`
          : v.files.length ? html`<section class="card">${attachmentList(mosaic, v.files, fileHref, 'tickets-files')}</section>` : nothing}
        ${v.portal ? v.portal.render() : nothing}
        ${slaSection(mosaic, k)}
        ${writable ? html`<form class="card" id="tickets-change" @submit=${saveChange} novalidate aria-labelledby="tickets-change-title">
          <h2 id="tickets-change-title">${t('tickets.change.title')}</h2>
          ${conflictBox(mosaic, change, draw, { id: 'tickets-conflict', message: conflictMessage(), reload: reloadChange })}
          ${formAlert(mosaic, change, [...CHANGE_FIELDS, ...customNames(v.fields)])}
          <div class="tickets-grid">
            ${input(mosaic, change, 'status', t('tickets.field.status'), { type: 'select', options: codeOptions(t, 'tickets.status', STATUSES) })}
            ${input(mosaic, change, 'priority', t('tickets.field.priority'), { type: 'select',
              options: codeOptions(t, 'tickets.priority', PRIORITIES) })}
            ${input(mosaic, change, 'queueId', t('tickets.field.queue'), { type: 'select',
              options: [['', t('tickets.queue.none')], ...v.queues.items.map((q) => [q.id, q.name])] })}
            ${combobox(mosaic, change, draw, 'assigneeId', t('tickets.field.assignee'), { search: userSearch(api),
              hint: t('tickets.assignee.hint') })}
          </div>
          ${customFieldset(mosaic, change, v.fields)}
          <div class="kit-actions"><button type="submit" class="primary" ?disabled=${change.busy}>${t('tickets.change.save')}</button></div>
        </form>` : nothing}
        ${conversation(mosaic, v.comments, v.who, fileHref)}
        ${writable ? html`<form class=${internal ? 'card tickets-reply internal' : 'card tickets-reply'} id="tickets-reply"
            @submit=${sendReply} novalidate aria-labelledby="tickets-reply-title">
          <h2 id="tickets-reply-title">${t('tickets.reply.title')}</h2>
          ${formAlert(mosaic, reply, ['body'])}
          <fieldset class="tickets-kind"><legend>${t('tickets.reply.kind')}</legend>${kindRadio('public')}${kindRadio('internal')}</fieldset>
          ${v.canned.length ? html`<div class="field tickets-canned-picker"><label for="tickets-canned-pick">${t('tickets.canned.insert')}</label>
            <select id="tickets-canned-pick" @change=${(e) => { v.cannedId = e.target.value; }}>
              <option value="">${t('tickets.canned.choose')}</option>
              ${v.canned.map((c) => html`<option value=${c.id} ?selected=${c.id === v.cannedId}>${c.name}</option>`)}</select>
            <button type="button" id="tickets-canned-insert" @click=${insertCanned}>${t('tickets.canned.insertButton')}</button>
            ${v.cannedError ? html`<p class="field-error" role="alert">${v.cannedError}</p>` : nothing}</div>` : nothing}
          ${input(mosaic, reply, 'body', t(internal ? 'tickets.reply.noteText' : 'tickets.reply.text'), { type: 'textarea',
            hint: t(internal ? 'tickets.reply.internalHint' : 'tickets.reply.publicHint') })}
          <div class="field"><label for="tickets-reply-files">${t('tickets.attach.choose')}</label>
            <input type="file" id="tickets-reply-files" multiple aria-describedby="tickets-reply-files-hint"
              @change=${(e) => { chosen = [...e.target.files]; }}>
            <p class="hint" id="tickets-reply-files-hint">${t('tickets.attach.hint')}</p></div>
          <div class="kit-actions"><button type="submit" class="primary" id="tickets-reply-send" ?disabled=${reply.busy}>${
            t(internal ? 'tickets.reply.addNote' : 'tickets.reply.send')}</button></div>
        </form>` : nothing}`;
    };
    return v;
  };
}
