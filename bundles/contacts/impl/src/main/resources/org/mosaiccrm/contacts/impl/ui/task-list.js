// /contacts/tasks: the tasks the user can see, soonest due first (the API's order), filtered by
// assignee (the user's own by default) and state (open by default), paged like every kit list.
// The start page's "show all" link opens it; a task is worked on the page of what it is about.

import { countLine, dataTable, formState, input, pager, cursorPaging, userName } from '/ui/shell/kit.js';
import { personName } from './common.js';
import { isOverdue } from './tasks.js';

const PAGE_SIZE = 25;
const ROUTE = '/contacts/tasks';

/** The address of the list with its default filters: the user's open tasks. */
export const MY_OPEN_TASKS = `${ROUTE}?assigneeId=me&done=false`;

export function taskListView(mosaic, draw) {
  const { html, t, api, fmt, navigate } = mosaic;
  const paging = cursorPaging(mosaic.query, ROUTE, PAGE_SIZE);
  const form = formState('tasks-filter', {
    assigneeId: paging.filters.get('assigneeId') ?? '', done: paging.filters.get('done') ?? '',
  });
  const v = { page: null, about: new Map(), assignees: new Map([[mosaic.user.id, mosaic.user.username]]) };

  // What each task is about, by name: the people and organizations of this page, each asked once.
  async function nameRecords(tasks) {
    const wanted = new Map();
    for (const task of tasks) {
      if (task.personId) wanted.set(task.personId, `contacts/people/${encodeURIComponent(task.personId)}`);
      else if (task.organizationId) wanted.set(task.organizationId, `contacts/organizations/${encodeURIComponent(task.organizationId)}`);
    }
    await Promise.all([...wanted].map(([id, path]) => api.get(path, { quiet: true })
      .then((r) => v.about.set(id, r.name ?? personName(mosaic, r)), () => v.about.set(id, null))));
    const users = [...new Set(tasks.map((task) => task.assigneeId).filter((a) => a && !v.assignees.has(a)))];
    await Promise.all(users.map((a) => userName(api, a).then((name) => v.assignees.set(a, name))));
  }

  const load = async () => {
    v.page = await api.get(`contacts/tasks?${paging.request()}`);
    await nameRecords(v.page.items);
    paging.focusCount();
  };

  const apply = (event) => {
    event.preventDefault();
    navigate(paging.filtered(form.values));
  };

  const about = (task) => {
    const id = task.personId || task.organizationId;
    const route = task.personId ? '/contacts/people' : '/contacts/organizations';
    const name = v.about.get(id);
    return name === null || name === undefined ? html`<span class="hint">${t('contacts.tasks.outOfReach')}</span>`
      : html`<a href=${`${route}/${encodeURIComponent(id)}`}>${name}</a>`;
  };
  const due = (task) => html`${fmt.dateTime(task.dueAt)}${isOverdue(task)
    ? html` <span class="contacts-badge contacts-overdue">${t('contacts.task.overdue')}</span>` : ''}`;
  const columns = [
    { label: t('contacts.task.titleLabel'), cell: (task) => (task.done ? html`<s>${task.title}</s>` : task.title) },
    { label: t('contacts.tasks.about'), cell: about },
    { label: t('contacts.task.dueField'), cell: due },
    { label: t('contacts.task.assigneeField'), cell: (task) => v.assignees.get(task.assigneeId) || t('contacts.task.assigneeOther') },
    { label: t('contacts.tasks.state'), cell: (task) => (task.done ? t('contacts.tasks.done') : t('contacts.tasks.open')) },
  ];

  return {
    title: () => t('contacts.tasks.title'),
    load,
    render: () => html`
      <form class="card contacts-filters" role="search" id="tasks-filters" aria-label=${t('contacts.tasks.filters')} @submit=${apply}>
        ${input(mosaic, form, 'assigneeId', t('contacts.task.assigneeField'), {
          type: 'select', options: [['me', t('contacts.tasks.mine')], ['', t('contacts.tasks.anyone')]] })}
        ${input(mosaic, form, 'done', t('contacts.tasks.state'), {
          type: 'select', options: [['false', t('contacts.tasks.open')], ['true', t('contacts.tasks.done')], ['', t('contacts.tasks.all')]] })}
        <div class="kit-actions"><button type="submit">${t('contacts.tasks.apply')}</button></div>
      </form>
      ${countLine(mosaic, paging, v.page, { className: 'contacts-count' })}
      ${v.page.items.length ? dataTable(mosaic, {
        label: t('contacts.tasks.title'), id: 'tasks-table', columns, rows: v.page.items, key: (task) => task.id,
      }) : ''}
      ${pager(mosaic, paging, v.page)}`,
  };
}
