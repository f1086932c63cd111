// The tickets pages, below /tickets: the list (list.js), a new ticket and a ticket with its SLA
// clocks and conversation (ticket.js) and, for administrators, the desk's set-up of queues,
// calendars, SLA policies and mailboxes (setup.js), and the CSV import (importer.js). Everything is the shell's UI kit; common.js holds what
// the pages share.

import { mountView } from '/ui/shell/kit.js';
import { listView } from './list.js';
import { newTicketView, ticketView } from './ticket.js';
import { calendarView, cannedView, mailboxView, policyView, queueView, setupView } from './setup.js';
import { kbArticleView, kbListView } from './kb.js';
import { importView } from './importer.js';

function notFound(mosaic) {
  return {
    title: () => mosaic.t('tickets.title'),
    load: async () => {},
    render: () => mosaic.html`<p>${mosaic.t('kit.notFound')}</p><p><a href="/tickets">${mosaic.t('tickets.title')}</a></p>`,
  };
}

/** A set-up form for someone without tickets.admin: the server would refuse every save, so the page says why instead. */
function adminOnly(mosaic) {
  return {
    title: () => mosaic.t('tickets.setup.title'),
    load: async () => {},
    render: () => mosaic.html`<p class="alert error" role="alert" id="tickets-admin-only">${mosaic.t('tickets.setup.adminOnly')}</p>
      <p><a href="/tickets/setup">${mosaic.t('tickets.setup.back')}</a></p>`,
  };
}

/** The set-up's record pages: /tickets/setup/<kind>/<id or new>. */
const SETUP = { queues: queueView, calendars: calendarView, policies: policyView, mailboxes: mailboxView, canned: cannedView };

function pageFor(mosaic) {
  const { path } = mosaic;
  const [id, kind, record, ...rest] = path.split('/').filter(Boolean).slice(1);
  if (!id) return listView;
  if (id === 'setup') {
    if (!kind) return setupView;
    if (!SETUP[kind] || !record || rest.length) return notFound;
    // Canned responses are every agent's own (the server decides who changes a shared one); the rest is the administrators'.
    if (!mosaic.can(kind === 'canned' ? 'tickets.write' : 'tickets.admin')) return adminOnly;
    return SETUP[kind](record === 'new' ? null : record);
  }
  if (id === 'import') return kind ? notFound : importView;
  if (id === 'kb') {
    if (record) return notFound;
    return kind ? kbArticleView(kind === 'new' ? null : kind) : kbListView;
  }
  if (kind) return notFound;
  return id === 'new' ? newTicketView : ticketView(id);
}

export function mount(host, mosaic) {
  return mountView(host, mosaic, pageFor(mosaic), { className: 'tickets-page' });
}
