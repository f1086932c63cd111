// CSV import of leads and orders (/funnel/import?type=leads|orders): the shell kit's import page
// (mapping step, owner and team, upload, progress, counts and refused rows) over the platform's
// POST /api/v1/funnel/import?type=… — the same engine contacts' import uses.

import { importView as kitImportView } from '/ui/shell/kit.js';

export const importView = kitImportView({
  route: '/funnel/import',
  idPrefix: 'funnel-import',
  types: {
    leads: {
      name: 'funnel.leads.title', title: 'funnel.import.leads.title', intro: 'funnel.import.leads.intro',
      columns: 'firstName, lastName, company, email, phone, source, status, reason, notes',
      upload: 'funnel/import?type=leads', preview: 'funnel/import/preview?type=leads',
      fields: { module: 'funnel', entity: 'lead', permission: 'funnel.admin' }, list: '/funnel/leads', toList: 'funnel.import.toLeads',
    },
    orders: {
      name: 'funnel.orders.title', title: 'funnel.import.orders.title', intro: 'funnel.import.orders.intro',
      columns: 'orderNumber, customerEmail, orderedAt, sku, quantity, unitPrice, customerDomain, currency',
      upload: 'funnel/import?type=orders', preview: 'funnel/import/preview?type=orders',
      list: '/funnel/orders', toList: 'funnel.import.toOrders',
    },
  },
});
