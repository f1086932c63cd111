// The purchase history: /funnel/orders (number, customer, date, total; filtered by number,
// person or organization) and an order's page (/funnel/orders/<id>) with its lines. Orders are
// made by won deals, by the API and by CSV import (/funnel/import?type=orders); they are not
// edited here.

import {
  combobox, input, listSearch, setChoice, tableWrap,
} from '/ui/shell/kit.js';
import {
  action, contactNames, dealHref, listBody, listState, money, orderHref, organizationHref, people, personHref, personName,
  productHref, tabs,
} from './common.js';

const SORTS = ['-orderedAt', 'orderedAt', 'createdAt'];

/** The customer of an order as links: the person and/or the organization (names as far as the user may see them). */
function customer(mosaic, order, names) {
  const { html, nothing, t } = mosaic;
  const person = order.personId ? html`<a href=${personHref(order.personId)}>${names.people.get(order.personId) || t('funnel.order.hiddenCustomer')}</a>`
    : nothing;
  const org = order.organizationId ? html`<a href=${organizationHref(order.organizationId)}>${names.organizations.get(order.organizationId)
    || t('funnel.order.hiddenCustomer')}</a>` : nothing;
  return order.personId && order.organizationId ? html`${person} · ${org}` : html`${person}${org}`;
}

async function customerNames(api, orders) {
  const [peopleNames, organizations] = await Promise.all([contactNames(api, 'people', orders.map((o) => o.personId)),
    contactNames(api, 'organizations', orders.map((o) => o.organizationId))]);
  return { people: peopleNames, organizations };
}

export function ordersView(mosaic, draw) {
  const { html, t, api, fmt } = mosaic;
  const list = listState(mosaic, draw, { route: '/funnel/orders', formId: 'funnel-orders-filter', sorts: SORTS });
  const { form, paging } = list;
  const v = { page: null, names: null };

  v.title = () => t('funnel.orders.title');
  v.load = async () => {
    v.page = await api.get(`funnel/orders?${paging.request()}`);
    const chosen = { personId: paging.filters.get('personId'), organizationId: paging.filters.get('organizationId') };
    v.names = await customerNames(api, [...v.page.items, chosen]);
    // The customer filters are type-aheads: they show the chosen record's name again.
    setChoice(form, 'personId', chosen.personId, v.names.people.get(chosen.personId));
    setChoice(form, 'organizationId', chosen.organizationId, v.names.organizations.get(chosen.organizationId));
    paging.focusCount();
  };

  v.render = () => {
    const columns = [
      { label: t('funnel.order.number'), cell: (o) => html`<a href=${orderHref(o.id)}>${o.number}</a>` },
      { label: t('funnel.order.customer'), cell: (o) => customer(mosaic, o, v.names) },
      { label: t('funnel.order.orderedAt'), cell: (o) => fmt.dateTime(o.orderedAt), sort: 'orderedAt' },
      { label: t('funnel.order.total'), cell: (o) => money(mosaic, o.total, o.currency) },
      { label: t('funnel.field.currency'), cell: (o) => o.currency || '' },
      { label: t('funnel.order.lines'), cell: (o) => fmt.number(o.lines.length) },
    ];
    const inputs = html`
      ${input(mosaic, form, 'q', t('funnel.orders.q'), { type: 'search' })}
      ${combobox(mosaic, form, draw, 'personId', t('funnel.order.person'), {
        search: listSearch(api, 'contacts/people', (p) => personName(p), '&sort=lastName') })}
      ${combobox(mosaic, form, draw, 'organizationId', t('funnel.field.organization'), {
        search: listSearch(api, 'contacts/organizations', (o) => o.name, '&sort=name') })}`;
    return html`
      ${tabs(mosaic, 'orders')}
      <div class="kit-actions">${action(mosaic, { id: 'funnel-orders-import', href: '/funnel/import?type=orders', label: t('funnel.import.open'),
        permission: 'funnel.import', primary: false })}</div>
      ${listBody(mosaic, list, { id: 'funnel-orders', label: t('funnel.orders.title'), filterLabel: t('funnel.orders.filter'), inputs, columns,
        page: v.page, sortKey: 'funnel.orders.sort' })}`;
  };
  return v;
}

export function orderView(id) {
  return (mosaic) => {
    const { html, t, api, fmt, nothing } = mosaic;
    const v = { order: null, names: null, who: null, deal: null };

    v.title = () => (v.order ? t('funnel.order.title', { number: v.order.number }) : t('funnel.orders.title'));
    v.load = async () => {
      v.order = await api.get(`funnel/orders/${encodeURIComponent(id)}`);
      [v.names, v.who, v.deal] = await Promise.all([customerNames(api, [v.order]), people(mosaic),
        v.order.dealId ? api.get(`funnel/deals/${encodeURIComponent(v.order.dealId)}`, { quiet: true }).catch(() => null) : null]);
    };

    v.render = () => {
      const o = v.order;
      const c = o.currency;
      return html`${tabs(mosaic, 'orders')}
        <dl class="kit-facts" id="funnel-order-facts">
          <dt>${t('funnel.order.number')}</dt><dd>${o.number}</dd>
          <dt>${t('funnel.order.customer')}</dt><dd>${customer(mosaic, o, v.names)}</dd>
          <dt>${t('funnel.order.orderedAt')}</dt><dd>${fmt.dateTime(o.orderedAt)}</dd>
          <dt>${t('funnel.order.total')}</dt><dd id="funnel-order-total">${money(mosaic, o.total, c)}</dd>
          ${o.dealId ? html`<dt>${t('funnel.order.deal')}</dt><dd><a href=${dealHref(o.dealId)}>${v.deal ? v.deal.title : '—'}</a></dd>` : nothing}
          <dt>${t('funnel.field.owner')}</dt><dd>${v.who.name(o.ownerId) || '—'}</dd>
        </dl>
        <section class="card" aria-labelledby="funnel-order-lines-title">
          <h2 id="funnel-order-lines-title">${t('funnel.order.lines')}</h2>
          ${tableWrap(mosaic, t('funnel.order.lines'), html`<table id="funnel-order-lines" class="kit-cards">
            <thead><tr><th scope="col">#</th><th scope="col">${t('funnel.product.sku')}</th><th scope="col">${t('funnel.order.quantity')}</th>
              <th scope="col">${t('funnel.order.unitPrice')}</th><th scope="col">${t('funnel.order.discount')}</th>
              <th scope="col">${t('funnel.order.lineTotal')}</th></tr></thead>
            <tbody>${o.lines.map((l, i) => html`<tr>
              <td data-label="#">${fmt.number(i + 1)}</td>
              <td data-label=${t('funnel.product.sku')}>${l.productId ? html`<a href=${productHref(l.productId)}>${l.sku}</a>` : l.sku}</td>
              <td data-label=${t('funnel.order.quantity')}>${fmt.number(l.quantity)}</td>
              <td data-label=${t('funnel.order.unitPrice')}>${money(mosaic, l.unitPrice, c)}</td>
              <td data-label=${t('funnel.order.discount')}>${l.discountPercent ? `${fmt.number(l.discountPercent)} %` : '—'}</td>
              <td data-label=${t('funnel.order.lineTotal')}>${money(mosaic, l.total, c)}</td></tr>`)}</tbody>
            <tfoot><tr><th scope="row" colspan="5">${t('funnel.order.total')}</th><td>${money(mosaic, o.total, c)}</td></tr></tfoot>
          </table>`)}
        </section>`;
    };
    return v;
  };
}
