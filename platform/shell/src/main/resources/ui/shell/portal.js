// The customer portal's host page (/portal): not the staff shell. It picks the visitor's
// language, loads the messages, and hands the page to the portal script of the enabled module
// that has one (GET /api/v1/ui/portal) with what it needs: templates, API calls (the portal's
// own CSRF token goes into X-CSRF-Token), messages and Intl formatting. Customers sign in with
// their portal account; nothing here knows of staff users.

import { html, render, nothing } from '/ui/lib/lit-html/lit-html.js';
import { repeat } from '/ui/lib/lit-html/directives/repeat.js';
import { ref } from '/ui/lib/lit-html/directives/ref.js';
import { api, ApiError, setCsrfToken, setLanguage } from './api.js';
import { createI18n, browserLanguage } from './i18n.js';

const LOCAL_LANGUAGE = 'mosaic.portal.language';
const root = document.getElementById('app');
// lit-html renders after what the container already holds: the boot text goes first.
root.replaceChildren();

function chooseLanguage(ui) {
  const supported = ui.languages.map((l) => l.code);
  const own = localStorage.getItem(LOCAL_LANGUAGE);
  if (own && supported.includes(own)) return own;
  return browserLanguage(supported) || ui.company.defaultLanguage || 'en';
}

async function start() {
  const ui = await api.get('ui', { quiet: true });
  const language = chooseLanguage(ui);
  setLanguage(language);
  document.documentElement.lang = language;
  const [{ messages }, pages] = await Promise.all([api.get(`ui/messages?lang=${language}`), api.get('ui/portal', { quiet: true })]);
  const { t, fmt } = createI18n(language, messages);
  document.title = ui.company.name ? `${t('portal.title')} · ${ui.company.name}` : t('portal.title');
  if (!pages.length) {
    render(html`<main class="signin"><p class="alert" role="status" id="portal-unavailable">${t('portal.unavailable')}</p></main>`, root);
    return;
  }
  const page = pages[0];
  for (const href of page.styles) {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = href;
    document.head.append(link);
  }
  const module = await import(page.script);
  const languagePicker = () => html`<label class="portal-language">${t('portal.language')}
    <select @change=${(e) => { localStorage.setItem(LOCAL_LANGUAGE, e.target.value); location.reload(); }}>
      ${ui.languages.map((l) => html`<option value=${l.code} ?selected=${l.code === language}>${l.name}</option>`)}
    </select></label>`;
  module.mountPortal(root, {
    html, render, nothing, repeat, ref, api, ApiError, setCsrfToken, t, fmt, language, company: ui.company, languagePicker,
  });
}

start().catch((e) => {
  render(html`<main class="signin"><p class="alert error" role="alert">${e.message}</p></main>`, root);
});
