// The price list: /funnel/products (SKU, name, whether it is sold, its prices) and a product's
// page (/funnel/products/new, /funnel/products/<id>). Everyone who reads the funnel sees it; those
// with funnel.admin change it: SKU, name, a price per currency (decimal strings as typed, the
// server checks them: never floating point), deactivate or activate, delete (refused while deals
// use the product, which the page says). A product's page also shows the panels other modules
// contribute for funnel.product (analytics' "bought together", …).

import {
  confirmDialog, conflictBox, errorBox, formAlert, formState, input, okBox, recordPanelSlot, submit, tableWrap,
} from '/ui/shell/kit.js';
import {
  action, listBody, listState, money, productHref, tabs,
} from './common.js';

const SORTS = ['name', 'sku', '-updatedAt'];

/** A product's prices as text: "€10.00 · $12.00". */
function pricesText(mosaic, prices) {
  return (prices || []).map((p) => money(mosaic, p.amount, p.currency)).join(' · ') || '—';
}

export function productsView(mosaic, draw) {
  const { html, t, api } = mosaic;
  const list = listState(mosaic, draw, { route: '/funnel/products', formId: 'funnel-products-filter', sorts: SORTS });
  const { form } = list;
  const v = { page: null };

  v.title = () => t('funnel.products.title');
  v.load = async () => {
    v.page = await api.get(`funnel/products?${list.paging.request()}`);
    list.paging.focusCount();
  };

  v.render = () => {
    const columns = [
      { label: t('funnel.product.sku'), cell: (p) => html`<a href=${productHref(p.id)}>${p.sku}</a>`, sort: 'sku' },
      { label: t('funnel.field.name'), cell: (p) => p.name, sort: 'name' },
      { label: t('funnel.product.active'), cell: (p) => t(p.active ? 'funnel.product.isActive' : 'funnel.product.isInactive') },
      { label: t('funnel.product.prices'), cell: (p) => pricesText(mosaic, p.prices) },
    ];
    const inputs = html`
      ${input(mosaic, form, 'q', t('funnel.products.q'), { type: 'search' })}
      ${input(mosaic, form, 'active', t('funnel.product.active'), { type: 'select', options: [['', t('funnel.products.anyActive')],
        ['true', t('funnel.product.isActive')], ['false', t('funnel.product.isInactive')]] })}`;
    return html`
      ${tabs(mosaic, 'products')}
      <div class="kit-actions">${action(mosaic, { id: 'funnel-new-product', href: '/funnel/products/new', label: t('funnel.product.new'),
        permission: 'funnel.admin' })}</div>
      ${listBody(mosaic, list, { id: 'funnel-products', label: t('funnel.products.title'), filterLabel: t('funnel.products.filter'), inputs,
        columns, page: v.page, sortKey: 'funnel.products.sort' })}`;
  };
  return v;
}

/** A price row as the form holds it: texts as typed, a key that survives removing others. */
let priceKeys = 0;
const priceRow = (p = {}) => ({ key: ++priceKeys, currency: p.currency || '', amount: p.amount || '' });

export function productView(id) {
  return (mosaic, draw) => {
    const { html, t, api, navigate, nothing, repeat, live } = mosaic;
    const creating = !id;
    const admin = mosaic.can('funnel.admin');
    const path = `funnel/products/${encodeURIComponent(id)}`;
    const v = { product: null, prices: [] };
    const form = formState('product', {});
    // Other modules' panels for this product (UiContribution#recordPanels), once it exists.
    const panels = creating ? null : recordPanelSlot(mosaic, 'funnel.product', id);
    v.stop = () => { if (panels) panels.stop(); };

    v.title = () => (v.product ? v.product.name : t('funnel.product.new'));
    async function load() {
      v.product = creating ? null : await api.get(path);
      const p = v.product || { active: true, prices: [] };
      form.values = { sku: p.sku || '', name: p.name || '', active: p.active };
      v.prices = p.prices.map(priceRow);
      if (creating) v.prices.push(priceRow());
    }
    v.load = load;

    const body = () => ({
      sku: String(form.values.sku || '').trim(), name: String(form.values.name || '').trim(), active: Boolean(form.values.active),
      // Amounts go as the typed strings: the server reads them as decimals and refuses what is not one.
      prices: v.prices.filter((p) => p.currency.trim() || p.amount.trim())
        .map((p) => ({ currency: p.currency.trim().toUpperCase(), amount: p.amount.trim() })),
    });

    async function save(event) {
      event.preventDefault();
      let saved = null;
      await submit(form, draw, async () => {
        saved = creating ? await api.post('funnel/products', body()) : await api.patch(path, { ...body(), version: v.product.version });
      }, { versioned: !creating });
      if (!saved) return;
      mosaic.announce(t('funnel.product.saved', { name: saved.name }));
      if (creating) {
        navigate(productHref(saved.id));
        return;
      }
      await load();
      form.done = t('funnel.product.saved', { name: saved.name });
      draw();
    }

    /** Deactivates (no longer offered for new deals) or activates again, with the version the page shows. */
    async function toggleActive() {
      const active = !v.product.active;
      const ok = await submit(form, draw, () => api.patch(path, { active, version: v.product.version }), { versioned: true });
      if (!ok) return;
      await load();
      form.done = t(active ? 'funnel.product.activated' : 'funnel.product.deactivated', { name: v.product.name });
      mosaic.announce(form.done);
      draw();
    }

    async function remove() {
      const name = v.product.name;
      if (!await confirmDialog(mosaic, { title: name, body: t('funnel.product.deleteConfirm', { name }), confirm: t('funnel.delete') })) return;
      // Not "versioned": the server's 409 here is mostly a product deals still use, and its detail says so.
      const ok = await submit(form, draw, () => api.del(path, { ifMatch: v.product.version }));
      if (ok) {
        mosaic.announce(t('funnel.product.deleted', { name }));
        navigate('/funnel/products');
      }
    }

    const addPrice = () => {
      v.prices.push(priceRow());
      draw();
      requestAnimationFrame(() => document.querySelector(`#funnel-prices tr[data-index="${v.prices.length - 1}"] input`)?.focus());
    };
    const removePrice = (i) => () => {
      v.prices.splice(i, 1);
      draw();
      requestAnimationFrame(() => document.getElementById('funnel-price-add')?.focus());
    };

    /** The server's messages of one price row ({@code prices[i].amount} …), placed in that row. */
    function priceErrors(i) {
      const prefix = `prices[${i}]`;
      return ((form.error && form.error.errors) || []).filter((e) => e.field.startsWith(prefix))
        .map((e) => `${t(`funnel.product.price.${e.field.slice(prefix.length + 1) || 'row'}`)}: ${e.message}`);
    }

    function priceRowView(p, i) {
      const errors = priceErrors(i);
      const errorId = errors.length ? `funnel-price-${p.key}-error` : undefined;
      const label = (what) => t('funnel.product.priceLabel', { what, position: i + 1 });
      return html`<tr data-index=${i} aria-invalid=${errors.length ? 'true' : 'false'}>
        <td><input name="currency" maxlength="3" autocomplete="off" aria-label=${label(t('funnel.field.currency'))} .value=${live(p.currency)}
            aria-describedby=${errorId || nothing} @input=${(e) => { p.currency = e.target.value; }}></td>
        <td><input name="amount" inputmode="decimal" autocomplete="off" aria-label=${label(t('funnel.field.amount'))} .value=${live(p.amount)}
            aria-describedby=${errorId || nothing} @input=${(e) => { p.amount = e.target.value; }}>
          ${errors.length ? html`<span class="field-error" id=${errorId}>${errors.join(' ')}</span>` : nothing}</td>
        <td><button type="button" class="danger" data-action="remove" @click=${removePrice(i)}
            aria-label=${t('funnel.product.removePrice', { position: i + 1 })}>${t('funnel.stage.removeShort')}</button></td>
      </tr>`;
    }

    function editor() {
      return html`<form class="card" id="funnel-product-form" novalidate @submit=${save}>
        ${conflictBox(mosaic, form, draw, { reload: load })}
        ${formAlert(mosaic, form, ['sku', 'name', 'active'], { id: 'funnel-product-error' })}
        ${okBox(mosaic, form.done)}
        <div class="funnel-grid">
          ${input(mosaic, form, 'sku', t('funnel.product.sku'), { required: true, hint: t('funnel.product.skuHint') })}
          ${input(mosaic, form, 'name', t('funnel.field.name'), { required: true })}
          ${creating ? input(mosaic, form, 'active', t('funnel.product.offered'), { type: 'checkbox' }) : nothing}
        </div>
        ${tableWrap(mosaic, t('funnel.product.prices'), html`<table id="funnel-prices">
          <caption>${t('funnel.product.pricesCaption')}</caption>
          <thead><tr><th scope="col">${t('funnel.field.currency')}</th><th scope="col">${t('funnel.field.amount')}</th>
            <th scope="col"><span class="visually-hidden">${t('funnel.stage.actions')}</span></th></tr></thead>
          <tbody>${repeat(v.prices, (p) => p.key, priceRowView)}</tbody>
        </table>`)}
        <p class="hint">${t('funnel.product.pricesHint')}</p>
        <div class="kit-actions"><button type="button" id="funnel-price-add" @click=${addPrice}>${t('funnel.product.addPrice')}</button></div>
        <div class="kit-actions">
          <button type="submit" class="primary" ?disabled=${form.busy}>${t(creating ? 'funnel.product.create' : 'funnel.save')}</button>
          <a href="/funnel/products">${t('funnel.cancel')}</a>
          ${creating ? nothing : html`
            <button type="button" id="funnel-product-active" ?disabled=${form.busy} @click=${toggleActive}>
              ${t(v.product.active ? 'funnel.product.deactivate' : 'funnel.product.activate')}</button>
            <button type="button" class="danger" id="funnel-product-delete" ?disabled=${form.busy} @click=${remove}>${t('funnel.delete')}</button>`}
        </div>
      </form>`;
    }

    function facts() {
      const p = v.product;
      return html`<dl class="kit-facts" id="funnel-product-facts">
        <dt>${t('funnel.product.sku')}</dt><dd>${p.sku}</dd>
        <dt>${t('funnel.product.active')}</dt><dd>${t(p.active ? 'funnel.product.isActive' : 'funnel.product.isInactive')}</dd>
        <dt>${t('funnel.product.prices')}</dt><dd>${pricesText(mosaic, p.prices)}</dd>
      </dl>`;
    }

    v.render = () => html`${tabs(mosaic, 'products')}
      ${!creating && !v.product.active ? html`<p class="alert" id="funnel-product-inactive">${t('funnel.product.inactiveNote')}</p>` : nothing}
      ${admin ? editor() : html`${errorBox(mosaic, form.error)}${facts()}`}
      ${panels ? panels.slot() : nothing}`;
    return v;
  };
}
