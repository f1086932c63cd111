// Messages and Intl formatting for the chosen language. Every text the shell and the pages
// show comes from the merged message bundles; dates and numbers follow the language too.

const INTL_FALLBACK = { tl: ['tl', 'fil'] };

export function createI18n(language, messages) {
  const locales = [...(INTL_FALLBACK[language] || [language]), 'en'];
  const t = (key, params) => {
    let text = Object.prototype.hasOwnProperty.call(messages, key) ? messages[key] : key;
    if (params) {
      text = text.replace(/\{(\w+)\}/g, (match, name) => (params[name] === undefined ? match : String(params[name])));
    }
    return text;
  };
  const dateTime = new Intl.DateTimeFormat(locales, { dateStyle: 'medium', timeStyle: 'short' });
  const dateOnly = new Intl.DateTimeFormat(locales, { dateStyle: 'medium' });
  const number = new Intl.NumberFormat(locales);
  const megabytes = new Intl.NumberFormat(locales, { style: 'unit', unit: 'megabyte', maximumFractionDigits: 0 });
  const unit = (u) => new Intl.NumberFormat(locales, { style: 'unit', unit: u, unitDisplay: 'short', maximumFractionDigits: 0 });
  const currencies = new Map();
  const fmt = {
    /**
     * A decimal amount (the API's string, exact) in a currency: "€1,250.00" in English,
     * "1.250,00 €" in Slovenian. Intl formats the string itself, so no digit is lost to floating
     * point; an unknown currency code shows as the amount and the code.
     */
    money: (amount, currency) => {
      if (amount === null || amount === undefined || amount === '') return '';
      if (!currency) return number.format(amount);
      try {
        if (!currencies.has(currency)) currencies.set(currency, new Intl.NumberFormat(locales, { style: 'currency', currency }));
        return currencies.get(currency).format(amount);
      } catch (e) {
        return `${amount} ${currency}`;
      }
    },
    dateTime: (value) => (value ? dateTime.format(new Date(value)) : ''),
    date: (value) => (value ? dateOnly.format(new Date(value)) : ''),
    number: (value) => (value === null || value === undefined ? '' : number.format(value)),
    bytes: (value) => (value === null || value === undefined || value < 0 ? '—' : megabytes.format(value / (1024 * 1024))),
    duration: (seconds) => {
      const d = Math.floor(seconds / 86400);
      const h = Math.floor((seconds % 86400) / 3600);
      const m = Math.floor((seconds % 3600) / 60);
      const parts = [];
      if (d) parts.push(unit('day').format(d));
      if (d || h) parts.push(unit('hour').format(h));
      parts.push(unit('minute').format(m));
      return parts.join(' ');
    },
  };
  return { language, t, fmt };
}

/** The first of the browser's languages the shell speaks, or null. */
export function browserLanguage(supported) {
  for (const tag of navigator.languages || [navigator.language]) {
    const base = String(tag).toLowerCase().split('-')[0];
    const code = base === 'fil' ? 'tl' : base;
    if (supported.includes(code)) {
      return code;
    }
  }
  return null;
}
