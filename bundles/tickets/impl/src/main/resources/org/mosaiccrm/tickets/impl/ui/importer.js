// CSV import of tickets (/tickets/import): the shell kit's import page (mapping step, owner and
// team, upload, progress, counts and refused rows) over the platform's
// POST /api/v1/tickets/import?type=tickets — the engine every module's import uses.

import { importView as kitImportView } from '/ui/shell/kit.js';

export const importView = kitImportView({
  route: '/tickets/import',
  idPrefix: 'tickets-import',
  types: {
    tickets: {
      name: 'tickets.title', title: 'tickets.import.title', intro: 'tickets.import.intro',
      columns: 'number, subject, description, status, priority, channel, requesterId, organizationId, queue, assigneeId, tags',
      upload: 'tickets/import?type=tickets', preview: 'tickets/import/preview?type=tickets',
      fields: { module: 'tickets', entity: 'ticket', permission: 'tickets.admin' }, list: '/tickets', toList: 'tickets.import.toList',
    },
  },
});
