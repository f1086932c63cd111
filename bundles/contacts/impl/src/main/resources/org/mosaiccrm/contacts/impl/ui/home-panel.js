// The contacts panel of the start page: the user's open tasks due today and overdue (overdue
// ones marked), what comes up in the next seven days (reminders), the people they created or
// changed lately, and quick actions. Every list is a call to the contacts API, so the access
// rule (owner or team) holds as everywhere else.

import { personName } from './common.js';

const DAY = 24 * 60 * 60 * 1000;

/** Open tasks assigned to the user, split by when they fall due (in the browser's day). */
function byDue(tasks, now) {
  const endOfToday = new Date(now);
  endOfToday.setHours(24, 0, 0, 0);
  const week = endOfToday.getTime() + 7 * DAY;
  const due = (task) => new Date(task.dueAt).getTime();
  return {
    overdue: tasks.filter((task) => due(task) < now.getTime()),
    today: tasks.filter((task) => due(task) >= now.getTime() && due(task) < endOfToday.getTime()),
    coming: tasks.filter((task) => due(task) >= endOfToday.getTime() && due(task) < week),
  };
}

function taskLink(task) {
  if (task.personId) return `/contacts/people/${encodeURIComponent(task.personId)}`;
  if (task.organizationId) return `/contacts/organizations/${encodeURIComponent(task.organizationId)}`;
  return null;
}

export async function mount(card, mosaic) {
  const { html, render, t, api, fmt } = mosaic;
  render(html`<h2>${t('contacts.home.title')}</h2><p aria-busy="true">${t('shell.loading')}</p>`, card);
  const [tasks, recent] = await Promise.all([
    api.get('contacts/tasks?assigneeId=me&done=false&limit=100'),
    api.get(`contacts/people?ownerId=${encodeURIComponent(mosaic.user.id)}&sort=-updatedAt&limit=5`),
  ]);
  const split = byDue(tasks.items, new Date());
  const task = (item, overdue) => {
    const link = taskLink(item);
    return html`<li class=${overdue ? 'task overdue' : 'task'} data-overdue=${overdue ? 'true' : 'false'}>
      ${link ? html`<a href=${link}>${item.title}</a>` : html`<span>${item.title}</span>`}
      <span class="hint">${fmt.dateTime(item.dueAt)}</span>
      ${overdue ? html`<span class="contacts-badge contacts-overdue">${t('contacts.home.overdue')}</span>` : ''}
    </li>`;
  };
  const mayWrite = mosaic.can('contacts.write');
  render(html`
    <h2>${t('contacts.home.title')}</h2>
    <h3>${t('contacts.home.due')}</h3>
    ${split.overdue.length + split.today.length === 0 ? html`<p class="hint">${t('contacts.home.nothingDue')}</p>`
    : html`<ul class="home-list contacts-due">
        ${split.overdue.map((item) => task(item, true))}
        ${split.today.map((item) => task(item, false))}
      </ul>`}
    <h3>${t('contacts.home.reminders')}</h3>
    ${split.coming.length === 0 ? html`<p class="hint">${t('contacts.home.noReminders')}</p>`
    : html`<ul class="home-list contacts-coming">${split.coming.map((item) => task(item, false))}</ul>`}
    <h3>${t('contacts.home.recent')}</h3>
    ${recent.items.length === 0 ? html`<p class="hint">${t('contacts.home.noRecent')}</p>`
    : html`<ul class="home-list contacts-recent">${recent.items.map((p) => html`<li>
        <a href=${`/contacts/people/${encodeURIComponent(p.id)}`}>${personName(mosaic, p)}</a>
        <span class="hint">${fmt.dateTime(p.updatedAt)}</span></li>`)}</ul>`}
    ${mayWrite || mosaic.can('contacts.import') ? html`<h3>${t('contacts.home.actions')}</h3>
      <p class="actions">
        ${mayWrite ? html`<a class="button" href="/contacts/people/new">${t('contacts.people.new')}</a>
          <a class="button" href="/contacts/organizations/new">${t('contacts.organizations.new')}</a>` : ''}
        ${mosaic.can('contacts.import') ? html`<a class="button" href="/contacts/import">${t('contacts.import.open')}</a>` : ''}
      </p>` : ''}`, card);
  return undefined;
}
