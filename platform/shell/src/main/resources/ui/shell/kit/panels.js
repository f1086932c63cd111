// Panels that modules contribute to a page of another: the start page's (GET /api/v1/ui/panels)
// and a record page's (GET /api/v1/ui/panels?record=contacts.person). Each panel is an ES module
// mounted into its own card, on its own: a slow or failing one never holds up the others or the page.

import { errorBox } from './view.js';

/**
 * Mounts every panel ({moduleId, id, script}) into the card {@code cardOf(panel)} gives, calling
 * the script's {@code mount(card, mosaic, context)}; a panel that fails to load or mount says so
 * in its card. Returns the function to call on leaving: it runs each panel's cleanup, also for a
 * panel that finishes mounting later.
 */
export function mountPanels(mosaic, panels, cardOf, context) {
  const { html, render, t } = mosaic;
  const cleanups = [];
  let gone = false;
  for (const p of panels) {
    const card = cardOf(p);
    if (!card) continue;
    import(p.script)
      .then((m) => m.mount(card, mosaic, context))
      .then((cleanup) => {
        if (typeof cleanup === 'function') {
          if (gone) cleanup(); else cleanups.push(cleanup);
        }
      })
      .catch((e) => {
        console.error(`panel ${p.moduleId}:${p.id} failed`, e);
        if (!gone) render(html`<p class="alert error" role="alert">${t('kit.panelFailed')}</p>`, card);
      })
      .finally(() => card.removeAttribute('aria-busy'));
  }
  return () => {
    gone = true;
    cleanups.forEach((c) => { try { c(); } catch (e) { /* a panel's cleanup never blocks navigation */ } });
  };
}

/** The card of a panel, found by the data-panel attribute the page gave it. */
export const panelCard = (host) => (p) => host.querySelector(`[data-panel="${p.moduleId}:${p.id}"]`);

/**
 * Lists the panels other modules contribute to the pages of a record type ({@code contacts.person})
 * and mounts each into its own card inside {@code host}, calling its {@code mount(card, mosaic,
 * { type, id })}. Returns the function to call on leaving the page.
 */
export function recordPanels(host, mosaic, type, id) {
  const { html, render, api } = mosaic;
  let stopped = false;
  let unmount = () => {};
  api.get(`ui/panels?record=${encodeURIComponent(type)}`).then((panels) => {
    if (stopped) return;
    render(html`${panels.map((p) => html`<section class="card kit-record-panel" data-panel=${`${p.moduleId}:${p.id}`}
      aria-busy="true"></section>`)}`, host);
    unmount = mountPanels(mosaic, panels, panelCard(host), { type, id });
  }, (e) => {
    if (!stopped) render(errorBox(mosaic, e), host);
  });
  return () => {
    stopped = true;
    unmount();
  };
}

/**
 * The place for contributed panels in a lit-html page: {@code slot()} renders an element whose
 * children are the panels (mounted once, however often the page draws), {@code stop()} unmounts
 * them when the user leaves. The element has {@code display: contents}, so the panels' cards
 * take part in the page's own layout.
 */
export function recordPanelSlot(mosaic, type, id) {
  let element = null;
  let stop = () => {};
  const attach = (node) => {
    if (!node || node === element) return;
    stop();
    element = node;
    stop = recordPanels(node, mosaic, type, id);
  };
  return {
    slot: () => mosaic.html`<div class="kit-record-panels" data-record-type=${type} ${mosaic.ref(attach)}></div>`,
    stop: () => {
      stop();
      stop = () => {};
    },
  };
}
