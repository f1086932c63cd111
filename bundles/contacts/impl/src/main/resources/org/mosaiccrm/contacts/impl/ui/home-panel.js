// The contacts panel of the start page: the user's open tasks due today and overdue (overdue
// ones marked, the most overdue first, the rest a "show all" away), what comes up in the next
// seven days (reminders), the people and organizations the user opened or owns that changed
// lately, and quick actions. Every list is a call to the contacts API, so the access rule
// (owner or team) holds as everywhere else.

import { recentRecords } from '/ui/shell/kit.js';
import { personName } from './common.js';
import { MY_OPEN_TASKS } from './task-list.js';

const DAY = 24 * 60 * 60 * 1000;
/** Tasks shown per list; the tasks page has the rest. */
const SHOWN_TASKS = 8;
const SHOWN_RECENT = 8;

function taskLink(task) {
  if (task.personId) return `/contacts/people/${encodeURIComponent(task.personId)}`;
  if (task.organizationId) return `/contacts/organizations/${encodeURIComponent(task.organizationId)}`;
  return null;
}

const ROUTES = { person: '/contacts/people', organization: '/contacts/organizations' };

/**
 * The records to offer again, newest first: those the user opened lately (kept by the record
 * pages) and those they own that changed lately, each once, read afresh so that a record now
 * out of reach or deleted is left out.
 */
async function recentlyTouched(mosaic) {
  const { api } = mosaic;
  const mine = `ownerId=${encodeURIComponent(mosaic.user.id)}&sort=-updatedAt&limit=${SHOWN_RECENT}`;
  const [opened, people, organizations] = await Promise.all([
    recentRecords(mosaic, 'contacts'),
    api.get(`contacts/people?${mine}`),
    api.get(`contacts/organizations?${mine}`),
  ]);
  const found = await Promise.all(opened.filter((e) => ROUTES[e.kind]).map((e) => api
    .get(`contacts/${e.kind === 'person' ? 'people' : 'organizations'}/${encodeURIComponent(e.id)}`, { quiet: true })
    .then((record) => ({ kind: e.kind, record, at: e.at }), () => null)));
  const all = [
    ...found.filter(Boolean),
    ...people.items.map((record) => ({ kind: 'person', record, at: record.updatedAt })),
    ...organizations.items.map((record) => ({ kind: 'organization', record, at: record.updatedAt })),
  ].sort((a, b) => new Date(b.at) - new Date(a.at));
  const seen = new Set();
  return all.filter((e) => !seen.has(e.record.id) && seen.add(e.record.id)).slice(0, SHOWN_RECENT);
}

export async function mount(card, mosaic) {
  const { html, render, t, api, fmt } = mosaic;
  render(html`<h2>${t('contacts.home.title')}</h2><p aria-busy="true">${t('shell.loading')}</p>`, card);
  // The user's day ends at their browser's midnight; the API sorts open tasks soonest due first.
  const now = new Date();
  const endOfToday = new Date(now);
  endOfToday.setHours(24, 0, 0, 0);
  const weekEnd = new Date(endOfToday.getTime() + 7 * DAY);
  const open = 'contacts/tasks?assigneeId=me&done=false';
  const [due, coming, recent] = await Promise.all([
    api.get(`${open}&dueBefore=${endOfToday.toISOString()}&limit=${SHOWN_TASKS}`),
    api.get(`${open}&dueAfter=${endOfToday.toISOString()}&dueBefore=${weekEnd.toISOString()}&limit=${SHOWN_TASKS}`),
    recentlyTouched(mosaic),
  ]);
  const task = (item) => {
    const link = taskLink(item);
    const overdue = new Date(item.dueAt).getTime() < now.getTime();
    return html`<li class=${overdue ? 'task overdue' : 'task'} data-overdue=${overdue ? 'true' : 'false'}>
      ${link ? html`<a href=${link}>${item.title}</a>` : html`<span>${item.title}</span>`}
      <span class="hint">${fmt.dateTime(item.dueAt)}</span>
      ${overdue ? html`<span class="contacts-badge contacts-overdue">${t('contacts.home.overdue')}</span>` : ''}
    </li>`;
  };
  const more = (page, id) => (page.total > page.items.length
    ? html`<p class="home-more"><a id=${id} href=${MY_OPEN_TASKS}>${t('contacts.home.showAll', { count: fmt.number(page.total) })}</a></p>` : '');
  const mayWrite = mosaic.can('contacts.write');
  render(html`
    <h2>${t('contacts.home.title')}</h2>
    <h3>${t('contacts.home.due')}</h3>
    ${due.items.length === 0 ? html`<p class="hint">${t('contacts.home.nothingDue')}</p>`
    : html`<ul class="home-list contacts-due">${due.items.map(task)}</ul>${more(due, 'contacts-home-all-due')}`}
    <h3>${t('contacts.home.reminders')}</h3>
    ${coming.items.length === 0 ? html`<p class="hint">${t('contacts.home.noReminders')}</p>`
    : html`<ul class="home-list contacts-coming">${coming.items.map(task)}</ul>${more(coming, 'contacts-home-all-coming')}`}
    <h3>${t('contacts.home.recent')}</h3>
    ${recent.length === 0 ? html`<p class="hint">${t('contacts.home.noRecent')}</p>`
    : html`<ul class="home-list contacts-recent">${recent.map((e) => html`<li data-kind=${e.kind}>
        <a href=${`${ROUTES[e.kind]}/${encodeURIComponent(e.record.id)}`}>${e.kind === 'person' ? personName(mosaic, e.record) : e.record.name}</a>
        <span class="hint">${t(`contacts.home.kind.${e.kind}`)} · ${fmt.dateTime(e.at)}</span></li>`)}</ul>`}
    <h3>${t('contacts.home.actions')}</h3>
    <p class="actions">
      ${mayWrite ? html`<a class="button" href="/contacts/people/new">${t('contacts.people.new')}</a>
        <a class="button" href="/contacts/organizations/new">${t('contacts.organizations.new')}</a>` : ''}
      ${mosaic.can('contacts.import') ? html`<a class="button" href="/contacts/import">${t('contacts.import.open')}</a>` : ''}
      <a class="button" id="contacts-home-tasks" href=${MY_OPEN_TASKS}>${t('contacts.home.myTasks')}</a>
    </p>`, card);
  return undefined;
}
