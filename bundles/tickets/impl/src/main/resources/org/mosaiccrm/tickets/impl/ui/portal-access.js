// The requester's access to the customer portal, on the ticket's page, for staff with
// tickets.portal: whether the person has it (invited, or signed up), and buttons to invite them
// (or send the invitation again), make them their organization's manager or not, and end it.
// Everything goes through /api/v1/portal/access, which checks the permission and the person's reach.

import { confirmDialog } from '/ui/shell/kit.js';

/** A panel's state for one person; `load` before the first render, `render` with the page's draw. */
export function portalAccessPanel(mosaic, personId, draw) {
  const { html, t, api, fmt, nothing } = mosaic;
  const p = { access: null, busy: false, error: null };
  const path = `portal/access/${encodeURIComponent(personId)}`;

  p.load = async () => {
    p.access = await api.get(path, { quiet: true }).catch((e) => (e.status === 404 ? null : Promise.reject(e)));
  };

  async function act(work, announce) {
    p.busy = true;
    p.error = null;
    draw();
    try {
      await work();
      await p.load();
      if (announce) mosaic.announce(announce);
    } catch (e) {
      p.error = e.message;
    } finally {
      p.busy = false;
      draw();
    }
  }

  const invite = () => act(() => api.post('portal/access', { personId, organizationManager: Boolean(p.access && p.access.organizationManager) }),
    t('tickets.access.invited'));
  const toggleManager = () => act(() => api.patch(path, { organizationManager: !p.access.organizationManager, version: p.access.version }),
    t('tickets.access.changed'));
  const end = async () => {
    if (!await confirmDialog(mosaic, { title: t('tickets.access.endConfirm'), body: t('tickets.access.endBody'), confirm: t('tickets.access.end') })) return;
    await act(() => api.del(path), t('tickets.access.ended'));
  };

  const stateText = (a) => {
    if (!a) return t('tickets.access.none');
    if (a.enabled) return t(a.organizationManager ? 'tickets.access.activeManager' : 'tickets.access.active');
    return a.invitationExpiresAt ? t('tickets.access.invitedUntil', { at: fmt.dateTime(a.invitationExpiresAt) }) : t('tickets.access.invitationEnded');
  };

  p.render = () => html`<section class="card" id="tickets-portal-access" aria-labelledby="tickets-portal-access-title">
    <h2 id="tickets-portal-access-title">${t('tickets.access.title')}</h2>
    <p id="tickets-portal-access-state">${stateText(p.access)}${p.access ? html` · ${p.access.email}` : nothing}</p>
    ${p.error ? html`<p class="alert error" role="alert" id="tickets-portal-access-error">${p.error}</p>` : nothing}
    <div class="kit-actions">
      ${!p.access || !p.access.enabled ? html`<button type="button" class="primary" id="tickets-portal-invite" @click=${invite}
        ?disabled=${p.busy}>${t(p.access ? 'tickets.access.inviteAgain' : 'tickets.access.invite')}</button>` : nothing}
      ${p.access ? html`<button type="button" id="tickets-portal-manager" @click=${toggleManager} ?disabled=${p.busy}>${
        t(p.access.organizationManager ? 'tickets.access.notManager' : 'tickets.access.makeManager')}</button>
        <button type="button" class="danger" id="tickets-portal-end" @click=${end} ?disabled=${p.busy}>${t('tickets.access.end')}</button>`
    : nothing}
    </div></section>`;
  return p;
}
