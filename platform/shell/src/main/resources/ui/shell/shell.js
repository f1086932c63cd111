// The Mosaic web shell: sign-in, the top navigation composed from what the enabled modules
// contribute (GET /api/v1/ui), client-side routes, notifications, the user menu (language,
// theme, change password, sign-out), the shell's own account page, the mounting of each
// module's page script, and the question before the user leaves a form with unsaved changes. Everything a user or a
// customer typed is bound into lit-html templates, which render it as text.

import { html, render, nothing } from '/ui/lib/lit-html/lit-html.js';
import { repeat } from '/ui/lib/lit-html/directives/repeat.js';
import { live } from '/ui/lib/lit-html/directives/live.js';
import { ref } from '/ui/lib/lit-html/directives/ref.js';
import { classMap } from '/ui/lib/lit-html/directives/class-map.js';
import { ifDefined } from '/ui/lib/lit-html/directives/if-defined.js';
import { api, ApiError, setCsrfToken, setLanguage, setUnauthorizedHandler } from './api.js';
import { createI18n, browserLanguage } from './i18n.js';
import { mountView, okBox } from './kit/view.js';
import { forgetForms, formAlert, formState, input, noteEdit, submit, unsavedForms } from './kit/form.js';
import { confirmDialog } from './kit/dialog.js';

const POLL_MS = 15000;
const LOCAL_LANGUAGE = 'mosaic.language';
const LOCAL_THEME = 'mosaic.theme';
const PASSWORD_ROUTE = '/account/password';
const INVITATION_ROUTE = '/accept-invitation';

const state = {
  ui: null,
  me: null,
  i18n: createI18n('en', {}),
  messagesKey: null,
  theme: null,
  unread: null,
  notifications: null,
  path: location.pathname,
  // path and query of the page on show, to return to when the user stays on a changed form after "back"
  shown: location.pathname + location.search,
  navOpen: false,
  openMenu: null,
  signIn: { busy: false, error: null },
  reset: { busy: false, error: null, done: null },
  // the invitation page: its token's lookup (checked: the token looked up), who it is for, and how accepting went
  invite: { checked: null, username: null, invalid: null, error: null, busy: false, done: false },
  // how the user's notifications are delivered besides the app (GET notifications/delivery), read when the account menu opens
  delivery: null,
  status: '',
};

const appRoot = document.getElementById('app');
let pageHost = null;
let mounted = null;
let pollTimer = null;

const t = (key, params) => state.i18n.t(key, params);

// ---- data -----------------------------------------------------------------------------

async function loadMe() {
  try {
    const me = await api.get('auth/me', { quiet: true });
    setCsrfToken(me.csrfToken);
    state.me = me;
  } catch (e) {
    state.me = null;
    setCsrfToken(null);
  }
}

function chosenLanguage() {
  const ui = state.ui;
  const supported = ui.languages.map((l) => l.code);
  const own = ui.user ? ui.user.language : localStorage.getItem(LOCAL_LANGUAGE);
  if (own && supported.includes(own)) return own;
  return browserLanguage(supported) || ui.company.defaultLanguage || 'en';
}

function chosenTheme() {
  const ui = state.ui;
  const ids = ui.themes.map((th) => th.id);
  const own = ui.user ? ui.user.theme : localStorage.getItem(LOCAL_THEME);
  if (own && ids.includes(own)) return own;
  if (ids.includes(ui.company.theme)) return ui.company.theme;
  return ids.includes('light') ? 'light' : ids[0];
}

async function loadUi(background = false) {
  state.ui = await api.get('ui', { quiet: true, background });
  if (state.me && !state.ui.user) {
    // the session ended elsewhere (signed out, expired, disabled)
    signedOut();
  }
  const language = chosenLanguage();
  const key = `${language}:${state.ui.messagesTag}`;
  const languageChanged = language !== state.i18n.language;
  if (key !== state.messagesKey) {
    const answer = await api.get(`ui/messages?lang=${encodeURIComponent(language)}`, { quiet: true });
    state.i18n = createI18n(answer.language, answer.messages);
    state.messagesKey = key;
  }
  applyTheme(chosenTheme());
  document.documentElement.lang = state.i18n.language;
  setLanguage(state.i18n.language);
  document.title = companyName();
  return languageChanged;
}

function applyTheme(id) {
  const theme = state.ui.themes.find((th) => th.id === id);
  if (!theme) return;
  state.theme = id;
  const link = document.getElementById('mosaic-theme');
  if (link.getAttribute('href') !== theme.stylesheet) {
    link.setAttribute('href', theme.stylesheet);
  }
  document.documentElement.dataset.theme = id;
  document.documentElement.dataset.scheme = theme.dark ? 'dark' : 'light';
}

async function loadUnread(background = false) {
  if (!state.me) return;
  try {
    const page = await api.get('notifications?unread=true&limit=1', { quiet: true, background });
    state.unread = page.total;
  } catch (e) {
    // no notifications endpoint here: the menu stays away rather than showing made-up numbers
    state.unread = null;
  }
}

async function refresh(options = {}) {
  try {
    const languageChanged = await loadUi(options.background);
    await loadUnread(options.background);
    update();
    await syncPage(languageChanged);
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 0) throw e;
  }
}

function startPolling() {
  stopPolling();
  pollTimer = setInterval(() => { refresh({ background: true }).catch(() => {}); }, POLL_MS);
}

function stopPolling() {
  if (pollTimer) clearInterval(pollTimer);
  pollTimer = null;
}

function companyName() {
  return (state.ui && state.ui.company.name) || t('app.name');
}

function logo() {
  const theme = state.ui && state.ui.themes.find((th) => th.id === state.theme);
  return theme ? theme.logo : '/ui/shell/icon.svg';
}

// ---- routes and pages -----------------------------------------------------------------

function routeMatches(prefix, path) {
  if (prefix === '/') return path === '/';
  return path === prefix || path.startsWith(`${prefix}/`);
}

function contributionFor(path) {
  if (!state.ui || !state.ui.user) return null;
  let best = null;
  let length = -1;
  for (const c of state.ui.contributions) {
    for (const r of c.routes) {
      if (routeMatches(r, path) && r.length > length) {
        best = c;
        length = r.length;
      }
    }
  }
  return best;
}

export function navigate(path, { replace = false } = {}) {
  if (path === state.path && location.search === '') return;
  if (replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  state.path = location.pathname;
  state.shown = location.pathname + location.search;
  state.navOpen = false;
  state.openMenu = null;
  refresh().catch(() => {});
}

function ensureStyles(contributions) {
  const wanted = new Set(contributions.flatMap((c) => c.styles));
  for (const link of document.querySelectorAll('link[data-contribution]')) {
    if (!wanted.has(link.getAttribute('href'))) link.remove();
  }
  for (const href of wanted) {
    if (!document.querySelector(`link[data-contribution][href="${CSS.escape(href)}"]`)) {
      const link = document.createElement('link');
      link.rel = 'stylesheet';
      link.href = href;
      link.dataset.contribution = '';
      document.head.append(link);
    }
  }
}

function unmount() {
  if (mounted && typeof mounted.cleanup === 'function') {
    try { mounted.cleanup(); } catch (e) { /* a page's own error never blocks navigation */ }
  }
  mounted = null;
  forgetForms();
}

// ---- leaving a changed form -----------------------------------------------------------
// The user's own ways out of a page (a link, the browser's back and forward, a notification,
// the search box, signing out) ask first while one of its forms has changes that are not
// saved; a page's own navigate (after it saved) does not. Closing or reloading the tab gets
// the browser's own question.

/** Resolves to whether the user may leave the page: nothing unsaved, or they chose to leave. */
function mayLeave() {
  if (!unsavedForms().length) return Promise.resolve(true);
  return confirmDialog({ html, render, t }, {
    title: t('shell.leave.title'), body: t('shell.leave.body'), confirm: t('shell.leave.confirm'), cancel: t('shell.leave.stay'),
  });
}

/** Navigates where the user asked to go, once they may leave. */
async function leaveTo(path) {
  if (await mayLeave()) navigate(path);
}

function freshHost() {
  const container = document.getElementById('page');
  const host = document.createElement('div');
  container.replaceChildren(host);
  return host;
}

function focusPage() {
  const main = document.getElementById('main');
  if (!main) return;
  const heading = main.querySelector('h1');
  if (heading) {
    if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
    heading.focus({ preventScroll: false });
  }
}

function shellMessage(kind, locked = null) {
  unmount();
  const host = freshHost();
  const body = locked ? permissionText(locked.permission, locked.permissionDescription) : t(`shell.${kind}.body`);
  render(html`<section class="card empty"><h1>${t(`shell.${kind}.title`)}</h1><p>${body}</p>
    <p><a href="/">${t('shell.backHome')}</a></p></section>`, host);
  mounted = { key: `shell:${kind}`, kind, path: state.path, language: state.i18n.language, cleanup: null };
}

/** "You need the permission 'x' (what it allows). Ask an administrator." in the user's language. */
function permissionText(permission, description) {
  return description
    ? t('shell.error.permission', { permission, description })
    : t('shell.error.permissionBare', { permission });
}

/** The page of an enabled module the user may not open at this path, with the permission it needs. */
function lockedFor(path) {
  const locked = (state.ui && state.ui.locked) || [];
  return locked.find((l) => routeMatches(l.route, path)) || null;
}

/**
 * An administrator's first sign-in opens the first-start setup, once per browser session:
 * it can be left for later (the start page's checklist keeps it in view).
 */
function openSetupOnce() {
  const user = state.ui && state.ui.user;
  if (!user || !user.setupPending || state.path !== '/' || sessionStorage.getItem('mosaic.setup.later')) return;
  if (!state.ui.contributions.some((c) => c.routes.includes('/setup'))) return;
  navigate('/setup', { replace: true });
}

/** Mounts the page of the current route, or keeps it when nothing changed. */
async function syncPage(force = false) {
  if (!state.me || !document.getElementById('page')) return;
  ensureStyles(state.ui.contributions);
  if (state.path === PASSWORD_ROUTE) {
    mountShellPage(passwordPage, force);
    return;
  }
  const c = contributionFor(state.path);
  if (!c) {
    if (mounted && mounted.kind && mounted.path === state.path) {
      if (mounted.language !== state.i18n.language) shellMessage(mounted.kind, mounted.kind === 'locked' ? lockedFor(state.path) : null);
      return;
    }
    // A page whose module was switched off while it was open says so, instead of failing.
    const gone = mounted && mounted.moduleId && mounted.path === state.path;
    const moving = Boolean(mounted) && mounted.path !== state.path;
    const locked = gone ? null : lockedFor(state.path);
    shellMessage(gone ? 'moduleGone' : locked ? 'locked' : 'notFound', locked);
    if (moving) focusPage();
    return;
  }
  const key = `${c.moduleId}:${state.path}:${location.search}:${state.i18n.language}`;
  if (!force && mounted && mounted.key === key) return;
  // Focus follows a client-side navigation (to the new page's heading); a fresh load keeps it at the top.
  const moving = Boolean(mounted) && mounted.path !== state.path;
  unmount();
  const host = freshHost();
  mounted = { key, moduleId: c.moduleId, path: state.path, cleanup: null };
  const mine = mounted;
  try {
    const module = await import(c.script);
    if (mounted !== mine) return;
    mine.cleanup = await module.mount(host, context(c));
  } catch (e) {
    if (mounted !== mine) return;
    console.error(`page of ${c.moduleId} failed`, e);
    render(html`<section class="card empty" role="alert"><h1>${t('shell.pageFailed.title')}</h1>
      <p>${t('shell.pageFailed.body')}</p></section>`, host);
  }
  if (moving) focusPage();
}

/** Mounts a page of the shell's own (the account pages), on the same kit as the modules' pages. */
function mountShellPage(factory, force) {
  const key = `shell-page:${state.path}:${state.i18n.language}`;
  if (!force && mounted && mounted.key === key) return;
  const moving = Boolean(mounted) && mounted.path !== state.path;
  unmount();
  const host = freshHost();
  mounted = { key, path: state.path, cleanup: null };
  mounted.cleanup = mountView(host, context({ moduleId: 'shell' }), factory, { className: 'account-page' });
  if (moving) focusPage();
}

/**
 * Changing one's own password (POST /auth/password): the current one, the new one twice. The
 * server's policy decides; its reasons appear next to the field. Every other session of the
 * user ends; this one stays signed in.
 */
function passwordPage(mosaic, draw) {
  const { html } = mosaic;
  const empty = () => ({ currentPassword: '', newPassword: '', confirmPassword: '' });
  const form = formState('password', empty());
  const inputs = ['currentPassword', 'newPassword', 'confirmPassword'];
  async function save(event) {
    event.preventDefault();
    if (form.values.newPassword !== form.values.confirmPassword) {
      form.error = new ApiError(400, { errors: [{ field: 'confirmPassword', message: t('account.password.mismatch') }] });
      form.done = null;
      draw();
      document.getElementById('password-confirmPassword')?.focus();
      return;
    }
    const ok = await submit(form, draw, () => api.post('auth/password',
      { currentPassword: form.values.currentPassword, newPassword: form.values.newPassword }));
    if (ok) {
      form.values = empty();
      form.done = t('account.password.changed');
      announce(form.done);
      draw();
    }
  }
  return {
    title: () => t('account.password.title'),
    load: async () => {},
    render: () => html`<form class="card" id="password-form" novalidate @submit=${save}>
      ${formAlert(mosaic, form, inputs, { id: 'password-error' })}
      ${okBox(mosaic, form.done)}
      <p class="hint" id="password-policy">${t('account.password.policy')}</p>
      ${input(mosaic, form, 'currentPassword', t('account.password.current'), { type: 'password', required: true,
        autocomplete: 'current-password' })}
      ${input(mosaic, form, 'newPassword', t('account.password.new'), { type: 'password', required: true, autocomplete: 'new-password' })}
      ${input(mosaic, form, 'confirmPassword', t('account.password.confirm'), { type: 'password', required: true,
        autocomplete: 'new-password' })}
      <div class="kit-actions">
        <button type="submit" class="primary" ?disabled=${form.busy}>${t('account.password.submit')}</button>
        <a href="/">${t('account.password.cancel')}</a>
      </div>
    </form>`,
  };
}

/** What a module's page script receives: see platform/shell/README.md. */
function context(contribution) {
  return {
    moduleId: contribution.moduleId,
    html, render, nothing, repeat, live, ref, classMap, ifDefined,
    api, ApiError,
    t, fmt: state.i18n.fmt, language: state.i18n.language,
    path: state.path,
    query: new URLSearchParams(location.search),
    user: state.ui.user,
    // Whether the user holds a permission: for hiding actions; the server checks every call itself.
    can: (permission) => Boolean(state.ui.user && (state.ui.user.admin || (state.ui.user.permissions || []).includes(permission))),
    navigate,
    menu: () => state.ui.menu.map((m) => ({ label: t(m.labelKey), route: m.route, moduleId: m.moduleId })),
    // Pages of enabled modules the user may not open, each with the permission to ask for.
    locked: () => (state.ui.locked || []).map((l) => ({ ...l, text: permissionText(l.permission, l.permissionDescription) })),
    company: () => ({ ...state.ui.company, name: companyName() }),
    languages: () => state.ui.languages.map((l) => ({ code: l.code, name: l.name })),
    themes: () => state.ui.themes.map((th) => ({ id: th.id, name: t(`theme.${th.id}`) })),
    refreshUi: () => refresh(),
    announce,
    problemText,
  };
}

/** A readable sentence for a failed call: the problem's detail and each field's message. */
export function problemText(error) {
  if (!(error instanceof ApiError)) return t('shell.error.unexpected');
  if (error.status === 0) return t('shell.error.offline');
  if (error.status === 403 && error.problem.permission) {
    return permissionText(error.problem.permission, error.problem.permissionDescription);
  }
  if (error.status === 403) return t('shell.error.forbidden');
  const parts = [];
  if (error.problem.detail) parts.push(error.problem.detail);
  for (const fe of error.errors) {
    parts.push(`${t(`field.${fe.field}`) !== `field.${fe.field}` ? t(`field.${fe.field}`) : fe.field}: ${fe.message}`);
  }
  return parts.length ? parts.join(' — ') : t('shell.error.unexpected');
}

let announceTimer = null;
function announce(message) {
  state.status = message;
  update();
  clearTimeout(announceTimer);
  announceTimer = setTimeout(() => { state.status = ''; update(); }, 6000);
}

// ---- sign-in and sign-out -------------------------------------------------------------

async function signIn(event) {
  event.preventDefault();
  const form = event.target;
  const username = form.elements.username.value;
  const password = form.elements.password.value;
  // The name an accepted invitation put there stays through the re-renders (lit would remove the attribute).
  const { prefill } = state.signIn;
  state.signIn = { busy: true, error: null, prefill };
  update();
  try {
    const answer = await api.post('auth/login', { username, password }, { quiet: true });
    setCsrfToken(answer.csrfToken);
    state.me = answer.user;
    state.signIn = { busy: false, error: null };
    await refresh();
    startPolling();
    openSetupOnce();
    focusPage();
  } catch (e) {
    let error = t('signin.failed');
    if (e instanceof ApiError && e.status === 429) error = t('signin.throttled');
    else if (e instanceof ApiError && e.status === 0) error = t('shell.error.offline');
    state.signIn = { busy: false, error, prefill };
    update();
    const field = document.getElementById('signin-password');
    if (field) field.focus();
  }
}

function signedOut() {
  stopPolling();
  unmount();
  state.me = null;
  state.unread = null;
  state.notifications = null;
  state.openMenu = null;
  setCsrfToken(null);
}

async function signOut() {
  if (!(await mayLeave())) return;
  try {
    await api.post('auth/logout', {}, { quiet: true });
  } catch (e) {
    // signed out already
  }
  signedOut();
  history.replaceState(null, '', '/');
  state.path = '/';
  await refresh();
  document.getElementById('signin-username')?.focus();
}

// ---- preferences ----------------------------------------------------------------------

async function choose(kind, value) {
  const v = value || null;
  if (state.ui.user) {
    const prefs = { language: state.ui.user.language, theme: state.ui.user.theme, [kind]: v };
    try {
      await api.put('preferences', prefs);
    } catch (e) {
      announce(problemText(e));
      return;
    }
  } else if (v) {
    localStorage.setItem(kind === 'language' ? LOCAL_LANGUAGE : LOCAL_THEME, v);
  } else {
    localStorage.removeItem(kind === 'language' ? LOCAL_LANGUAGE : LOCAL_THEME);
  }
  await refresh();
  announce(t(kind === 'language' ? 'user.languageChanged' : 'user.themeChanged'));
}

// ---- notifications --------------------------------------------------------------------

async function loadDelivery() {
  try {
    state.delivery = await api.get('notifications/delivery', { quiet: true });
  } catch (e) {
    // no notifications here (the option stays away)
    state.delivery = null;
  }
  update();
}

async function chooseDelivery(email) {
  try {
    state.delivery = await api.put('notifications/delivery', { email });
    announce(t(email ? 'user.emailNotificationsOn' : 'user.emailNotificationsOff'));
  } catch (e) {
    announce(problemText(e));
  }
  update();
}

/** "Also send my notifications by email", with where they go, or why none would. */
function deliveryView() {
  const d = state.delivery;
  if (!d) return nothing;
  let hint = null;
  if (!d.address) hint = t('user.emailNotificationsNoAddress');
  else if (!d.mailConfigured) hint = t('user.emailNotificationsNoMail');
  else if (d.email) hint = t('user.emailNotificationsTo', { address: d.address });
  return html`<div class="field check-field">
    <label class="check"><input type="checkbox" id="user-email-notifications" .checked=${live(d.email)}
      aria-describedby=${ifDefined(hint ? 'user-email-notifications-hint' : undefined)}
      @change=${(e) => chooseDelivery(e.target.checked)}> ${t('user.emailNotifications')}</label>
    ${hint ? html`<span class="hint" id="user-email-notifications-hint">${hint}</span>` : nothing}
  </div>`;
}

async function toggleNotifications() {
  if (state.openMenu === 'notifications') {
    state.openMenu = null;
    update();
    return;
  }
  state.openMenu = 'notifications';
  state.notifications = null;
  update();
  try {
    const page = await api.get('notifications?limit=10');
    state.notifications = page.items;
  } catch (e) {
    state.notifications = [];
    announce(problemText(e));
  }
  update();
}

/** Only a path of this site is opened from a notification (never another origin or a script URL). */
function pageLink(link) {
  return typeof link === 'string' && /^\/(?![/\\])/.test(link) && !link.startsWith('/api/') ? link : null;
}

/** Opening a notification's record marks it read and closes the panel. */
async function openNotification(event, n) {
  event.preventDefault();
  state.openMenu = null;
  if (!n.readAt) {
    n.readAt = new Date().toISOString();
    api.post(`notifications/${encodeURIComponent(n.id)}/read`, {}).then(() => loadUnread()).then(update, (e) => announce(problemText(e)));
  }
  leaveTo(pageLink(n.link));
}

async function markRead(id) {
  try {
    await api.post(`notifications/${encodeURIComponent(id)}/read`, {});
  } catch (e) {
    announce(problemText(e));
  }
  const n = state.notifications.find((x) => x.id === id);
  if (n) n.readAt = new Date().toISOString();
  await loadUnread();
  update();
  // The button pressed is gone with the item's unread state: the keyboard stays in the panel.
  document.querySelector('#notifications-panel h2')?.focus();
}

// ---- templates ------------------------------------------------------------------------

function languageSelect(id) {
  const current = state.ui.user ? state.ui.user.language : localStorage.getItem(LOCAL_LANGUAGE);
  return html`<label for=${id}>${t('user.language')}</label>
    <select id=${id} @change=${(e) => choose('language', e.target.value)}>
      <option value="" ?selected=${!current}>${t('user.browserDefault')}</option>
      ${state.ui.languages.map((l) => html`<option value=${l.code} lang=${l.code} ?selected=${current === l.code}>${l.name}</option>`)}
    </select>`;
}

function themeSelect(id) {
  const current = state.ui.user ? state.ui.user.theme : localStorage.getItem(LOCAL_THEME);
  return html`<label for=${id}>${t('user.theme')}</label>
    <select id=${id} @change=${(e) => choose('theme', e.target.value)}>
      <option value="" ?selected=${!current}>${t('user.companyTheme', { theme: t(`theme.${state.ui.company.theme}`) })}</option>
      ${state.ui.themes.map((th) => html`<option value=${th.id} ?selected=${current === th.id}>${t(`theme.${th.id}`)}</option>`)}
    </select>`;
}

// ---- a forgotten password --------------------------------------------------------------

/** The token of a reset link: in the fragment, so that it never reaches a server's logs. */
function resetToken() {
  const m = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(location.hash);
  return m ? m[1] : null;
}

async function askReset(event) {
  event.preventDefault();
  const login = event.target.elements.login.value.trim();
  if (!login) {
    state.reset = { busy: false, error: t('reset.loginRequired'), done: null };
    update();
    return;
  }
  state.reset = { busy: true, error: null, done: null };
  update();
  try {
    await api.post('auth/password-reset', { login }, { quiet: true });
    state.reset = { busy: false, error: null, done: t('reset.sent') };
  } catch (e) {
    let error = problemText(e);
    if (e instanceof ApiError && e.status === 503) error = t('reset.unavailable');
    else if (e instanceof ApiError && e.status === 429) error = t('signin.throttled');
    state.reset = { busy: false, error, done: null };
  }
  update();
  document.getElementById(state.reset.error ? 'reset-error' : 'reset-done')?.focus();
}

async function confirmReset(event) {
  event.preventDefault();
  const form = event.target;
  const password = form.elements.password.value;
  if (password !== form.elements.repeat.value) {
    state.reset = { busy: false, error: t('reset.mismatch'), done: null };
    update();
    document.getElementById('reset-repeat')?.focus();
    return;
  }
  state.reset = { busy: true, error: null, done: null };
  update();
  try {
    await api.post('auth/password-reset/confirm', { token: resetToken(), password }, { quiet: true });
    // The link is spent: it leaves the address bar and the history entry.
    history.replaceState(null, '', '/reset-password');
    state.reset = { busy: false, error: null, done: t('reset.done') };
  } catch (e) {
    const invalid = e instanceof ApiError && e.problem && String(e.problem.type || '').endsWith('/reset-link-invalid');
    state.reset = { busy: false, error: invalid ? t('reset.invalid') : problemText(e), done: null };
  }
  update();
  document.getElementById(state.reset.error ? 'reset-error' : 'reset-done')?.focus();
}

function resetView() {
  const s = state.reset;
  const token = resetToken();
  const message = html`${s.error ? html`<p id="reset-error" class="alert error" role="alert" tabindex="-1">${s.error}</p>` : nothing}
    ${s.done ? html`<p id="reset-done" class="alert success" role="status" tabindex="-1">${s.done}</p>` : nothing}`;
  const back = html`<p><a href="/">${t('reset.back')}</a></p>`;
  if (s.done) {
    return html`<main id="main" class="signin" tabindex="-1"><div class="card signin-card"><h1>${t('reset.title')}</h1>${message}${back}</div></main>`;
  }
  return html`
    <main id="main" class="signin" tabindex="-1">
      ${token ? html`
        <form class="card signin-card reset-form" @submit=${confirmReset} novalidate>
          <h1>${t('reset.choose')}</h1>
          ${message}
          <div class="field">
            <label for="reset-password">${t('reset.new')}</label>
            <input id="reset-password" name="password" type="password" autocomplete="new-password" required>
          </div>
          <div class="field">
            <label for="reset-repeat">${t('reset.repeat')}</label>
            <input id="reset-repeat" name="repeat" type="password" autocomplete="new-password" required>
          </div>
          <button class="primary" type="submit" ?disabled=${s.busy}>${t('reset.save')}</button>
          ${back}
        </form>` : html`
        <form class="card signin-card reset-form" @submit=${askReset} novalidate>
          <h1>${t('reset.title')}</h1>
          <p class="hint">${t('reset.intro')}</p>
          ${message}
          <div class="field">
            <label for="reset-login">${t('reset.login')}</label>
            <input id="reset-login" name="login" autocomplete="username" required autocapitalize="none" spellcheck="false">
          </div>
          <button class="primary" type="submit" ?disabled=${s.busy}>${t('reset.send')}</button>
          ${back}
        </form>`}
    </main>`;
}

// ---- an invitation ----------------------------------------------------------------------

/** The problem types of a link that no longer works, and what the page says for each. */
const INVITE_REFUSALS = ['used', 'expired', 'revoked', 'replaced', 'unknown'];

function inviteRefusal(e) {
  const type = e instanceof ApiError && e.problem ? String(e.problem.type || '') : '';
  const reason = INVITE_REFUSALS.find((r) => type.endsWith(`/invitation-${r}`));
  return reason ? t(`invite.${reason}`) : null;
}

async function lookUpInvitation(token) {
  state.invite = { checked: token, username: null, invalid: null, error: null, busy: true, done: false };
  try {
    const invitee = await api.post('invitations/lookup', { token }, { quiet: true });
    state.invite = { ...state.invite, username: invitee.username, busy: false };
  } catch (e) {
    state.invite = { ...state.invite, invalid: inviteRefusal(e) || problemText(e), busy: false };
  }
  update();
}

async function acceptInvitation(event) {
  event.preventDefault();
  const form = event.target;
  const password = form.elements.password.value;
  if (password !== form.elements.repeat.value) {
    state.invite = { ...state.invite, error: t('invite.mismatch') };
    update();
    document.getElementById('invite-repeat')?.focus();
    return;
  }
  state.invite = { ...state.invite, busy: true, error: null };
  update();
  try {
    const invitee = await api.post('invitations/accept', { token: resetToken(), password }, { quiet: true });
    // The link is spent: it leaves the address bar and the history entry.
    history.replaceState(null, '', INVITATION_ROUTE);
    state.invite = { ...state.invite, username: invitee.username, busy: false, done: true };
    state.signIn = { busy: false, error: null, prefill: invitee.username };
  } catch (e) {
    const refusal = inviteRefusal(e);
    state.invite = refusal ? { ...state.invite, busy: false, invalid: refusal } : { ...state.invite, busy: false, error: problemText(e) };
  }
  update();
  document.getElementById(state.invite.done ? 'invite-done' : state.invite.invalid ? 'invite-invalid' : 'invite-error')?.focus();
}

/** The page an invitation's link opens (its token in the fragment, as a reset link's): choose a password, then sign in. */
function inviteView() {
  const s = state.invite;
  const token = resetToken();
  if (token && s.checked !== token && !s.done) lookUpInvitation(token);
  const card = (body) => html`<main id="main" class="signin" tabindex="-1"><div class="card signin-card">
    <h1>${t('invite.title')}</h1>${body}</div></main>`;
  const signInLink = html`<p><a href="/" id="invite-sign-in" class="button primary">${t('invite.signIn')}</a></p>`;
  if (s.done) {
    return card(html`<p id="invite-done" class="alert success" role="status" tabindex="-1">${t('invite.done', { username: s.username })}</p>
      ${signInLink}`);
  }
  if (!token) return card(html`<p id="invite-invalid" class="alert error" role="alert" tabindex="-1">${t('invite.noToken')}</p>`);
  if (s.invalid) {
    return card(html`<p id="invite-invalid" class="alert error" role="alert" tabindex="-1">${s.invalid}</p>${signInLink}`);
  }
  if (!s.username) return card(html`<p role="status">${t('invite.checking')}</p>`);
  return html`
    <main id="main" class="signin" tabindex="-1">
      <form class="card signin-card invite-form" @submit=${acceptInvitation} novalidate>
        <h1>${t('invite.title')}</h1>
        <p id="invite-greeting">${t('invite.greeting', { username: s.username })}</p>
        ${s.error ? html`<p id="invite-error" class="alert error" role="alert" tabindex="-1">${s.error}</p>` : nothing}
        <input type="text" name="username" autocomplete="username" .value=${s.username} hidden>
        <div class="field">
          <label for="invite-password">${t('invite.password')}</label>
          <input id="invite-password" name="password" type="password" autocomplete="new-password" required aria-describedby="invite-policy">
          <span class="hint" id="invite-policy">${t('invite.policy')}</span>
        </div>
        <div class="field">
          <label for="invite-repeat">${t('invite.repeat')}</label>
          <input id="invite-repeat" name="repeat" type="password" autocomplete="new-password" required>
        </div>
        <button class="primary" type="submit" ?disabled=${s.busy}>${t('invite.save')}</button>
      </form>
    </main>`;
}

function signInView() {
  if (state.path === '/reset-password') return resetView();
  const s = state.signIn;
  return html`
    <main id="main" class="signin" tabindex="-1">
      <form class="card signin-card" @submit=${signIn} novalidate aria-describedby=${ifDefined(s.error ? 'signin-error' : undefined)}>
        <div class="brand-large"><img src=${logo()} alt="" width="48" height="48"><span>${companyName()}</span></div>
        <h1>${t('signin.title')}</h1>
        ${s.error ? html`<p id="signin-error" class="alert error" role="alert">${s.error}</p>` : nothing}
        <div class="field">
          <label for="signin-username">${t('signin.username')}</label>
          <input id="signin-username" name="username" autocomplete="username" required autocapitalize="none" spellcheck="false"
            value=${ifDefined(s.prefill)}>
        </div>
        <div class="field">
          <label for="signin-password">${t('signin.password')}</label>
          <input id="signin-password" name="password" type="password" autocomplete="current-password" required>
        </div>
        <button class="primary" type="submit" ?disabled=${s.busy}>${s.busy ? t('signin.busy') : t('signin.submit')}</button>
        <p class="signin-forgot"><a href="/reset-password" @click=${() => { state.reset = { busy: false, error: null, done: null }; }}>${t('signin.forgot')}</a></p>
        <div class="signin-prefs">
          <div class="field">${languageSelect('signin-language')}</div>
          <div class="field">${themeSelect('signin-theme')}</div>
        </div>
      </form>
    </main>`;
}

function navView() {
  return html`<nav id="main-nav" class=${classMap({ 'main-nav': true, open: state.navOpen })} aria-label=${t('nav.label')}>
    <ul>
      ${repeat(state.ui.menu, (m) => `${m.moduleId}:${m.route}`, (m) => {
        const current = routeMatches(m.route, state.path) || (m.route !== '/' && state.path.startsWith(`${m.route}/`));
        return html`<li><a href=${m.route} data-module=${m.moduleId} aria-current=${ifDefined(current ? 'page' : undefined)}>${t(m.labelKey)}</a></li>`;
      })}
    </ul>
  </nav>`;
}

function notificationsView() {
  if (state.unread === null) return nothing;
  const open = state.openMenu === 'notifications';
  const label = t('notifications.label', { count: state.i18n.fmt.number(state.unread) });
  return html`<div class="menu notifications">
    <button type="button" class="icon-button" aria-haspopup="true" aria-expanded=${open ? 'true' : 'false'}
        aria-controls="notifications-panel" aria-label=${label} @click=${toggleNotifications}>
      <svg class="bell" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false"><path fill="currentColor"
        d="M12 22a2 2 0 0 0 2-2h-4a2 2 0 0 0 2 2zm6-6v-5a6 6 0 0 0-5-5.9V4a1 1 0 0 0-2 0v1.1A6 6 0 0 0 6 11v5l-2 2v1h16v-1l-2-2z"/></svg>${state.unread > 0 ? html`<span class="badge" aria-hidden="true">${state.i18n.fmt.number(state.unread)}</span>` : nothing}
    </button>
    ${open ? html`<div id="notifications-panel" class="menu-panel" role="region" aria-label=${t('notifications.title')}>
      <h2 tabindex="-1">${t('notifications.title')}</h2>
      ${state.notifications === null ? html`<p>${t('shell.loading')}</p>`
        : state.notifications.length === 0 ? html`<p>${t('notifications.none')}</p>`
        : html`<ul class="notification-list">${repeat(state.notifications, (n) => n.id, (n) => html`
          <li class=${classMap({ unread: !n.readAt })}>
            ${pageLink(n.link) ? html`<a href=${pageLink(n.link)} class="notification-open"
              @click=${(e) => openNotification(e, n)}>${n.title}</a>` : html`<strong>${n.title}</strong>`}
            ${n.body ? html`<p>${n.body}</p>` : nothing}
            <small>${state.i18n.fmt.dateTime(n.createdAt)}</small>
            ${n.readAt ? nothing : html`<button type="button" class="link" @click=${() => markRead(n.id)}>${t('notifications.markRead')}</button>`}
          </li>`)}</ul>`}
    </div>` : nothing}
  </div>`;
}

function userMenuView() {
  const open = state.openMenu === 'user';
  const toggle = () => {
    state.openMenu = open ? null : 'user';
    update();
    if (!open) loadDelivery();
  };
  return html`<div class="menu user-menu">
    <button type="button" id="user-menu-button" aria-haspopup="true" aria-expanded=${open ? 'true' : 'false'} aria-controls="user-menu-panel"
        @click=${toggle}><span class="visually-hidden">${t('user.menu')}: </span>${state.ui.user.username}</button>
    ${open ? html`<div id="user-menu-panel" class="menu-panel" role="region" aria-label=${t('user.menu')}>
      <div class="field">${languageSelect('user-language')}</div>
      <div class="field">${themeSelect('user-theme')}</div>
      ${deliveryView()}
      <p><a href=${PASSWORD_ROUTE} id="change-password">${t('account.password.menu')}</a></p>
      <button type="button" id="sign-out" @click=${signOut}>${t('user.signOut')}</button>
    </div>` : nothing}
  </div>`;
}

// A global search box, present while some contribution (the search module) offers a search route.
function searchBoxView() {
  const provider = state.ui.contributions.find((c) => c.searchRoute);
  if (!provider) {
    return nothing;
  }
  const submit = (e) => {
    e.preventDefault();
    const q = new FormData(e.target).get('q').trim();
    if (q) {
      leaveTo(`${provider.searchRoute}?q=${encodeURIComponent(q)}`);
    }
  };
  return html`<form class="global-search" role="search" @submit=${submit}>
    <input type="search" name="q" id="global-search" aria-label=${t('search.label')} placeholder=${t('search.label')}>
  </form>`;
}

function shellView() {
  return html`
    <a class="skip-link" href="#main" @click=${(e) => { e.preventDefault(); focusPage(); }}>${t('nav.skip')}</a>
    <header class="topbar">
      <a class="brand" href="/"><img src=${logo()} alt="" width="28" height="28"><span>${companyName()}</span></a>
      <button type="button" class="nav-toggle" aria-expanded=${state.navOpen ? 'true' : 'false'} aria-controls="main-nav"
          @click=${() => { state.navOpen = !state.navOpen; update(); }}>${t('nav.menu')}</button>
      ${navView()}
      <div class="topbar-end">
        ${searchBoxView()}
        ${notificationsView()}
        ${userMenuView()}
      </div>
    </header>
    <main id="main" tabindex="-1"><div id="page"></div></main>`;
}

let viewHost = null;
let viewMode = null;

function update() {
  if (!state.ui) return;
  // An invitation's page shows whoever is signed in on this browser: it is about another account.
  const mode = state.path === INVITATION_ROUTE ? 'invite' : state.me && state.ui.user ? 'shell' : 'signin';
  if (mode !== viewMode) {
    // Switching between sign-in and the shell starts from a new tree (the page host included).
    viewHost = document.createElement('div');
    viewHost.className = 'view';
    appRoot.replaceChildren(viewHost);
    viewMode = mode;
  }
  render(html`${mode === 'invite' ? inviteView() : mode === 'shell' ? shellView() : signInView()}
    <div class="status" role="status" aria-live="polite">${state.status}</div>`, viewHost);
}

// ---- events ---------------------------------------------------------------------------

document.addEventListener('click', (event) => {
  const a = event.target.closest('a[href]');
  if (a && !event.defaultPrevented && event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey
      && a.origin === location.origin && !a.hasAttribute('download') && !a.target && !a.pathname.startsWith('/api/')
      && !a.pathname.startsWith('/ui/') && !a.getAttribute('href').startsWith('#')) {
    event.preventDefault();
    leaveTo(a.pathname + a.search);
    return;
  }
  if (state.openMenu && !event.target.closest('.menu')) {
    state.openMenu = null;
    update();
  }
});

/** The button that opened what is open now (a menu, or the module menu at phone width): focus goes back to it on close. */
function opener() {
  if (state.openMenu === 'user') return document.getElementById('user-menu-button');
  if (state.openMenu === 'notifications') return document.querySelector('.notifications > button');
  return state.navOpen ? document.querySelector('.nav-toggle') : null;
}

document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape' && !event.defaultPrevented && (state.openMenu || state.navOpen)) {
    const button = opener();
    state.openMenu = null;
    state.navOpen = false;
    update();
    // Only when the keyboard was in what closed (or on its button): Escape elsewhere leaves focus where it is.
    const active = document.activeElement;
    if (button && (!active || active === document.body || !active.isConnected || active.closest('.menu, #main-nav'))) button.focus();
  }
});

window.addEventListener('popstate', async () => {
  const target = location.pathname + location.search;
  if (unsavedForms().length) {
    // The address already shows where "back" goes: it shows the form again while the user decides.
    history.pushState(null, '', state.shown);
    if (await mayLeave()) navigate(target);
    return;
  }
  state.path = location.pathname;
  state.shown = target;
  refresh().catch(() => {});
});

window.addEventListener('beforeunload', (event) => {
  if (unsavedForms().length) {
    event.preventDefault();
    event.returnValue = '';
  }
});

// Before a page's own handlers see an edit, the kit notes which form it changes (see noteEdit).
for (const type of ['input', 'change']) {
  document.addEventListener(type, (event) => {
    if (event.target instanceof Element && event.target.closest('#page')) noteEdit(event.target);
  }, true);
}

setUnauthorizedHandler(() => {
  if (state.me) {
    signedOut();
    announce(t('signin.expired'));
    refresh().catch(() => {});
  }
});

async function boot() {
  await loadMe();
  await refresh();
  if (state.me) {
    startPolling();
    openSetupOnce();
  }
}

boot().catch((e) => {
  console.error(e);
  const host = document.createElement('div');
  appRoot.replaceChildren(host);
  render(html`<p class="boot" role="alert">Mosaic could not start: ${String(e && e.message)}</p>`, host);
});
