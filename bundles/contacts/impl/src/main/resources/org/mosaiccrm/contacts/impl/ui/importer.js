// CSV import of people or organizations: the shell kit's import page (mapping step, upload,
// progress, counts and refused rows) with the columns each type takes, as its export writes them
// (custom fields follow as cf.<key>); headers may also name the fields as the pages do.

import { importView as kitImportView } from '/ui/shell/kit.js';

export const importView = kitImportView({
  route: '/contacts/import',
  idPrefix: 'contacts-import',
  types: {
    people: {
      name: 'contacts.people.title', title: 'contacts.import.title', intro: 'contacts.import.intro',
      columns: 'firstName, lastName, email, phone, organization, jobTitle, lifecycleStage, source, tags',
      upload: 'contacts/import?type=people', preview: 'contacts/import/preview?type=people',
      fields: { module: 'contacts', entity: 'person', permission: 'contacts.customize' }, list: '/contacts/people', toList: 'contacts.import.toPeople',
    },
    organizations: {
      name: 'contacts.organizations.title', title: 'contacts.import.title.organizations', intro: 'contacts.import.intro.organizations',
      columns: 'name, domain, industry, size, phone, tags',
      upload: 'contacts/import?type=organizations', preview: 'contacts/import/preview?type=organizations',
      fields: { module: 'contacts', entity: 'organization', permission: 'contacts.customize' }, list: '/contacts/organizations', toList: 'contacts.import.toOrganizations',
    },
  },
});
