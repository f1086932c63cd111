// The tasks of a person or an organization on its page: add one (title, assignee, due date and
// time), edit one in place, tick it off, delete it; open tasks past their due time are marked
// "Overdue" in words, so that screen readers say it too, not only by colour. A call task (a
// campaign's follow-up, say) is ended by logging how the call went: reached, not reached or call
// back later; the server then records the call on the timeline and schedules the next call.

import {
  combobox, confirmDialog, conflictBox, formAlert, formState, input, okBox, setChoice, submit, userName, userSearch,
} from '/ui/shell/kit.js';

const TASK_INPUTS = ['title', 'kind', 'assigneeId', 'dueDate', 'dueTime'];

/** A datetime-local pair (date, time) in the user's time zone for an ISO instant. */
function localParts(iso) {
  if (!iso) return { dueDate: '', dueTime: '' };
  const d = new Date(iso);
  const local = new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString();
  return { dueDate: local.slice(0, 10), dueTime: local.slice(11, 16) };
}

/** The instant of a local date and time (09:00 when no time is given); null without a date. */
function instantOfParts(date, time) {
  if (!date) return null;
  const d = new Date(`${date}T${time || '09:00'}`);
  return Number.isNaN(d.getTime()) ? `${date}T${time || '09:00'}` : d.toISOString();
}

export function isOverdue(task, now = Date.now()) {
  return !task.done && Boolean(task.dueAt) && new Date(task.dueAt).getTime() < now;
}

/**
 * The tasks panel of the record {@code ref}={@code id} ({@code personId} or {@code organizationId}):
 * {@code load()} reads them, {@code render(extra)} draws the list and forms ({@code extra}
 * goes between the list and the new-task form, e.g. "remind me").
 */
export function taskPanel(mosaic, draw, ref, id) {
  const { html, t, api, fmt, nothing } = mosaic;
  const me = mosaic.user;
  const p = {
    tasks: [], total: 0, names: new Map([[me.id, me.username]]), error: null, editing: null,
    add: formState('task', { title: '', kind: 'todo', dueDate: '', dueTime: '09:00', assigneeId: me.id }, { dueAt: 'dueDate' }),
    edit: formState('task-edit', {}, { dueAt: 'dueDate' }),
    logging: null,
    log: formState('task-log', { outcome: 'reached', note: '' }),
  };
  setChoice(p.add, 'assigneeId', me.id, me.username);

  async function nameAssignees() {
    const unknown = [...new Set(p.tasks.map((task) => task.assigneeId).filter((a) => a && !p.names.has(a)))];
    await Promise.all(unknown.map((a) => userName(api, a).then((name) => p.names.set(a, name))));
  }

  p.load = async () => {
    const page = await api.get(`contacts/tasks?${ref}=${encodeURIComponent(id)}&limit=200`);
    p.tasks = page.items;
    p.total = page.total ?? page.items.length;
    await nameAssignees();
  };
  const reload = async () => { await p.load().catch(() => {}); draw(); };

  const assigneeText = (task) => {
    const name = p.names.get(task.assigneeId);
    return name ? t('contacts.task.assignee', { name }) : t('contacts.task.assigneeOther');
  };

  async function toggle(task) {
    p.error = null;
    try {
      await api.patch(`contacts/tasks/${encodeURIComponent(task.id)}`, { done: !task.done, version: task.version });
    } catch (e) {
      p.error = e.status === 409 ? t('contacts.task.conflict') : mosaic.problemText(e);
    }
    await reload();
  }

  function startEdit(task) {
    p.editing = task.id;
    p.edit = formState('task-edit', { title: task.title, ...localParts(task.dueAt) }, { dueAt: 'dueDate' });
    setChoice(p.edit, 'assigneeId', task.assigneeId, p.names.get(task.assigneeId) || t('contacts.task.assigneeOther'));
    p.edit.task = task;
    draw();
    requestAnimationFrame(() => document.getElementById('task-edit-title')?.focus());
  }

  function stopEdit(task) {
    p.editing = null;
    draw();
    requestAnimationFrame(() => document.getElementById(`task-edit-${task.id}`)?.focus());
  }

  async function saveEdit(event) {
    event.preventDefault();
    const f = p.edit;
    const task = f.task;
    const body = { version: task.version, title: f.values.title, dueAt: instantOfParts(f.values.dueDate, f.values.dueTime) };
    if (f.values.assigneeId && f.values.assigneeId !== task.assigneeId) body.assigneeId = f.values.assigneeId;
    const ok = await submit(f, draw, () => api.patch(`contacts/tasks/${encodeURIComponent(task.id)}`, body), { versioned: true });
    if (ok) {
      mosaic.announce(t('contacts.task.saved'));
      await p.load().catch(() => {});
      stopEdit(task);
    }
  }

  function startLog(task) {
    p.logging = task.id;
    p.log = formState('task-log', { outcome: 'reached', note: '' });
    p.log.task = task;
    draw();
    requestAnimationFrame(() => document.getElementById('task-log-outcome')?.focus());
  }

  function stopLog(task) {
    p.logging = null;
    draw();
    requestAnimationFrame(() => document.getElementById(`task-log-${task.id}`)?.focus());
  }

  async function saveLog(event) {
    event.preventDefault();
    const f = p.log;
    const task = f.task;
    const body = { outcome: f.values.outcome, note: f.values.note, version: task.version };
    let answer = null;
    const ok = await submit(f, draw, async () => {
      answer = await api.post(`contacts/tasks/${encodeURIComponent(task.id)}/outcome`, body);
    }, { versioned: true });
    if (ok) {
      mosaic.announce(answer?.next ? t('contacts.task.nextCall', { date: fmt.dateTime(answer.next.dueAt) }) : t('contacts.task.callLogged'));
      p.logging = null;
      await reload();
    }
  }

  const OUTCOMES = ['reached', 'notReached', 'callBackLater'];

  const logForm = (task) => {
    const f = p.log;
    return html`<form class="contacts-task-edit" id="contacts-task-log" @submit=${saveLog}
        aria-label=${t('contacts.task.logCallTitle', { title: task.title })}>
      ${conflictBox(mosaic, f, draw, { id: 'contacts-task-log-conflict', message: t('contacts.task.conflictEdit'),
        reload: async () => { await p.load(); p.logging = null; draw(); } })}
      ${formAlert(mosaic, f, ['outcome', 'note'])}
      ${input(mosaic, f, 'outcome', t('contacts.task.outcomeField'), { type: 'select',
        options: OUTCOMES.map((o) => [o, t(`contacts.task.outcome.${o}`)]) })}
      ${input(mosaic, f, 'note', t('contacts.task.noteField'), { type: 'textarea' })}
      <div class="kit-actions">
        <button type="submit" class="primary" ?disabled=${f.busy}>${t('contacts.task.logCall')}</button>
        <button type="button" @click=${() => stopLog(task)}>${t('contacts.form.cancel')}</button>
      </div>
    </form>`;
  };

  async function remove(task) {
    const yes = await confirmDialog(mosaic, { title: t('contacts.task.deleteTitle'),
      body: t('contacts.task.deleteBody', { title: task.title }), confirm: t('contacts.delete.confirm') });
    if (!yes) return;
    p.error = null;
    try {
      await api.del(`contacts/tasks/${encodeURIComponent(task.id)}`, { ifMatch: task.version });
      mosaic.announce(t('contacts.task.deleted', { title: task.title }));
    } catch (e) {
      p.error = e.status === 409 || e.status === 412 ? t('contacts.task.conflict') : mosaic.problemText(e);
    }
    await reload();
  }

  function addTask(event) {
    event.preventDefault();
    const f = p.add;
    const body = { title: f.values.title, kind: f.values.kind, [ref]: id, dueAt: instantOfParts(f.values.dueDate, f.values.dueTime) };
    if (f.values.assigneeId) body.assigneeId = f.values.assigneeId;
    submit(f, draw, async () => {
      await api.post('contacts/tasks', body);
      f.values = { ...f.values, title: '', dueDate: '', dueTime: '09:00' };
      f.done = t('contacts.task.added');
      mosaic.announce(f.done);
      await p.load();
    });
  }

  const editForm = (task) => {
    const f = p.edit;
    return html`<form class="contacts-task-edit" id="contacts-task-edit" @submit=${saveEdit}
        aria-label=${t('contacts.task.editTitle', { title: task.title })}>
      ${conflictBox(mosaic, f, draw, { id: 'contacts-task-conflict', message: t('contacts.task.conflictEdit'),
        reload: async () => { await p.load(); startEdit(p.tasks.find((x) => x.id === task.id) || task); } })}
      ${formAlert(mosaic, f, TASK_INPUTS)}
      ${input(mosaic, f, 'title', t('contacts.task.titleLabel'), { required: true })}
      <div class="contacts-grid">
        ${combobox(mosaic, f, draw, 'assigneeId', t('contacts.task.assigneeField'), { search: userSearch(api) })}
        ${input(mosaic, f, 'dueDate', t('contacts.task.dueField'), { type: 'date', required: true })}
        ${input(mosaic, f, 'dueTime', t('contacts.task.timeField'), { type: 'time' })}
      </div>
      <div class="kit-actions">
        <button type="submit" class="primary" ?disabled=${f.busy}>${t('contacts.form.save')}</button>
        <button type="button" @click=${() => stopEdit(task)}>${t('contacts.form.cancel')}</button>
      </div>
    </form>`;
  };

  // Controls only for what the user may do; the server checks every call itself.
  const mayWrite = mosaic.can('contacts.write');

  const item = (task) => {
    if (p.editing === task.id) return html`<li>${editForm(task)}</li>`;
    if (p.logging === task.id) return html`<li>${logForm(task)}</li>`;
    const overdue = isOverdue(task);
    const call = task.kind === 'call';
    return html`<li class=${[task.done ? 'done' : '', overdue ? 'overdue' : ''].join(' ').trim()} data-task=${task.id}>
      <label class="check"><input type="checkbox" .checked=${task.done} ?disabled=${!mayWrite}
        @change=${() => toggle(task)}>
        <span>${task.title}</span></label>
      ${call ? html`<span class="contacts-badge">${t('contacts.task.kind.call')}</span>` : nothing}
      ${task.outcome ? html`<span class="contacts-badge">${t(`contacts.task.outcome.${task.outcome}`)}</span>` : nothing}
      ${overdue ? html`<span class="contacts-badge contacts-overdue">${t('contacts.task.overdue')}</span>` : nothing}
      <span class="hint">${task.dueAt ? t('contacts.task.due', { date: fmt.dateTime(task.dueAt) }) : ''} · ${assigneeText(task)}</span>
      <span class="contacts-task-actions">
        ${mayWrite && call && !task.done ? html`<button type="button" class="link" id=${`task-log-${task.id}`} @click=${() => startLog(task)}
          aria-label=${t('contacts.task.logCallTitle', { title: task.title })}>${t('contacts.task.logCall')}</button>` : nothing}
        ${mayWrite ? html`<button type="button" class="link" id=${`task-edit-${task.id}`} @click=${() => startEdit(task)}
          aria-label=${t('contacts.task.editTitle', { title: task.title })}>${t('contacts.edit')}</button>` : nothing}
        ${mosaic.can('contacts.delete') ? html`<button type="button" class="link danger" @click=${() => remove(task)}
          aria-label=${t('contacts.task.deleteTitleOf', { title: task.title })}>${t('contacts.delete.button')}</button>` : nothing}
      </span>
    </li>`;
  };

  p.render = (extra = nothing) => html`
    ${p.error ? html`<p class="alert error" role="alert">${p.error}</p>` : nothing}
    ${p.tasks.length ? html`<ul class="contacts-tasks" id="contacts-task-list">${p.tasks.map(item)}</ul>`
      : html`<p class="hint">${t('contacts.tasks.none')}</p>`}
    ${mayWrite ? html`${extra}${newTaskForm()}` : nothing}`;

  const newTaskForm = () => html`
    <form class="contacts-task-new" id="contacts-task-form" @submit=${addTask}>
      <h3>${t('contacts.task.new')}</h3>
      ${formAlert(mosaic, p.add, TASK_INPUTS)}${okBox(mosaic, p.add.done)}
      ${input(mosaic, p.add, 'title', t('contacts.task.titleField'), { required: true })}
      <div class="contacts-grid">
        ${input(mosaic, p.add, 'kind', t('contacts.task.kindField'), { type: 'select',
          options: [['todo', t('contacts.task.kind.todo')], ['call', t('contacts.task.kind.call')]] })}
        ${combobox(mosaic, p.add, draw, 'assigneeId', t('contacts.task.assigneeField'), { search: userSearch(api) })}
        ${input(mosaic, p.add, 'dueDate', t('contacts.task.dueField'), { type: 'date', required: true })}
        ${input(mosaic, p.add, 'dueTime', t('contacts.task.timeField'), { type: 'time' })}
      </div>
      <button type="submit" ?disabled=${p.add.busy}>${t('contacts.task.add')}</button>
    </form>`;
  return p;
}
