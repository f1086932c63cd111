// The contacts pages, contributed by the contacts bundle: /contacts/people and
// /contacts/organizations (list, /new, /<id>, /<id>/edit, /<id>/merge), /contacts/tasks,
// /contacts/import and, for administrators, /contacts/fields.

import { fieldsView, mountView } from '/ui/shell/kit.js';
import { KINDS } from './common.js';
import { formView } from './form.js';
import { importView } from './importer.js';
import { listView } from './list.js';
import { mergeView } from './merge.js';
import { recordView } from './record.js';
import { taskListView } from './task-list.js';

function notFound(mosaic) {
  return {
    title: () => mosaic.t('contacts.notFoundTitle'),
    load: async () => {},
    render: () => mosaic.html`<p>${mosaic.t('kit.notFound')}</p><p><a href="/contacts/people">${mosaic.t('contacts.people.title')}</a></p>`,
  };
}

const ENTITIES = ['person', 'organization'];

/** The platform's custom fields page, for contacts' two entities. */
function contactsFields(mosaic, draw) {
  const asked = mosaic.query.get('entity');
  const entity = ENTITIES.includes(asked) ? asked : 'person';
  return fieldsView(mosaic, draw, {
    module: 'contacts',
    entities: ENTITIES.map((e) => [e, mosaic.t(`contacts.fields.entity.${e}`)]),
    entity,
    idPrefix: 'contacts',
    href: (e) => `/contacts/fields?entity=${e}`,
    intro: mosaic.t('contacts.fields.intro'),
  });
}

function pageFor(path) {
  const [kind = 'people', id, action, ...rest] = path.split('/').filter(Boolean).slice(1);
  if (rest.length) return notFound;
  if (kind === 'import') return id ? notFound : importView;
  if (kind === 'fields') return id ? notFound : contactsFields;
  if (kind === 'tasks') return id ? notFound : taskListView;
  if (!KINDS[kind]) return notFound;
  if (!id) return listView(kind);
  if (id === 'new') return action ? notFound : formView(kind, null);
  if (!action) return recordView(kind, id);
  if (action === 'merge') return mergeView(kind, id);
  return action === 'edit' ? formView(kind, id) : notFound;
}

export function mount(host, mosaic) {
  return mountView(host, mosaic, pageFor(mosaic.path), { className: 'contacts-page' });
}
