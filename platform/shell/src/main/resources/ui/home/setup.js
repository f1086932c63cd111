// The first-start setup an administrator sees once, on their first sign-in (and may open again
// from the console's settings): company name, default language, time zone, currency and the
// modules to switch on. PUT /api/v1/settings/setup saves it all, then the start page opens.

import { ariaInvalid, errorBox } from '/ui/shell/kit.js';

/** The browser's own lists where it has them; a free input otherwise (the server validates). */
function supported(kind) {
  try {
    return typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf(kind) : [];
  } catch (e) {
    return [];
  }
}

export async function mount(host, mosaic) {
  const { html, render, t, api } = mosaic;
  if (!mosaic.user.admin) {
    render(html`<section class="card empty"><h1>${t('setup.title')}</h1><p>${t('setup.adminsOnly')}</p>
      <p><a href="/">${t('shell.backHome')}</a></p></section>`, host);
    return undefined;
  }
  const v = { settings: null, modules: null, error: null, busy: false };
  const draw = () => render(view(), host);

  const later = () => {
    sessionStorage.setItem('mosaic.setup.later', '1');
    mosaic.navigate('/');
  };

  const save = async (event) => {
    event.preventDefault();
    const f = event.target.elements;
    const chosen = v.modules.filter((m) => f[`setup-module-${m.id}`].checked).map((m) => m.id);
    v.busy = true;
    v.error = null;
    draw();
    try {
      v.settings = await api.put('settings/setup', {
        companyName: f.companyName.value, defaultLanguage: f.defaultLanguage.value, timeZone: f.timeZone.value.trim(),
        currency: f.currency.value.trim().toUpperCase(), modules: chosen, version: v.settings.version,
      });
      sessionStorage.removeItem('mosaic.setup.later');
      mosaic.announce(t('setup.saved'));
      await mosaic.refreshUi();
      mosaic.navigate('/');
      return;
    } catch (e) {
      v.error = e;
      if (e.status === 409) v.settings = await api.get('settings').catch(() => v.settings);
    }
    v.busy = false;
    draw();
  };

  const view = () => {
    if (!v.settings) return html`<h1>${t('setup.title')}</h1><p aria-busy="true">${t('shell.loading')}</p>`;
    const s = v.settings;
    // A fresh install preselects contacts and search; later, what is on now.
    const preselected = (m) => (s.setupDone ? m.state === 'enabled' : m.state === 'enabled' || ['contacts', 'search'].includes(m.id));
    return html`
      <h1>${t('setup.title')}</h1>
      <p class="hint">${t('setup.intro')}</p>
      <form class="card settings setup" @submit=${save} novalidate>
        ${errorBox(mosaic, v.error)}
        <div class="field"><label for="setup-company">${t('field.companyName')}</label>
          <input id="setup-company" name="companyName" maxlength="100" .value=${s.companyName} autocomplete="organization"
            aria-invalid=${ariaInvalid(v.error, 'companyName')}></div>
        <div class="field"><label for="setup-language">${t('field.defaultLanguage')}</label>
          <select id="setup-language" name="defaultLanguage">
            ${mosaic.languages().map((l) => html`<option value=${l.code} lang=${l.code} ?selected=${l.code === s.defaultLanguage}>${l.name}</option>`)}
          </select></div>
        <div class="field"><label for="setup-zone">${t('field.timeZone')}</label>
          <input id="setup-zone" name="timeZone" list="setup-zones" .value=${s.timeZone} required
            aria-invalid=${ariaInvalid(v.error, 'timeZone')} aria-describedby="setup-zone-hint">
          <datalist id="setup-zones">${supported('timeZone').map((z) => html`<option value=${z}></option>`)}</datalist>
          <span id="setup-zone-hint" class="hint">${t('setup.zoneHint')}</span></div>
        <div class="field"><label for="setup-currency">${t('field.currency')}</label>
          <input id="setup-currency" name="currency" list="setup-currencies" maxlength="3" .value=${s.currency} required
            aria-invalid=${ariaInvalid(v.error, 'currency')} aria-describedby="setup-currency-hint">
          <datalist id="setup-currencies">${supported('currency').map((c) => html`<option value=${c}></option>`)}</datalist>
          <span id="setup-currency-hint" class="hint">${t('setup.currencyHint')}</span></div>
        <fieldset class="field">
          <legend>${t('setup.modules')}</legend>
          ${v.modules.map((m) => html`<label class="check"><input type="checkbox" name=${`setup-module-${m.id}`}
            ?checked=${preselected(m)}> ${m.name}</label>`)}
        </fieldset>
        <div class="actions">
          <button type="submit" class="primary" ?disabled=${v.busy}>${t('setup.submit')}</button>
          <button type="button" @click=${later}>${t('setup.later')}</button>
        </div>
      </form>`;
  };

  draw();
  try {
    const [settings, modules] = await Promise.all([api.get('settings'), api.get('modules')]);
    v.settings = settings;
    v.modules = modules.items;
  } catch (e) {
    v.error = e;
  }
  if (v.settings) draw();
  else render(html`<h1>${t('setup.title')}</h1>${errorBox(mosaic, v.error)}`, host);
  return undefined;
}
