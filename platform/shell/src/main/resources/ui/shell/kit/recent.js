// The records a user opened lately, kept on the server among the user's preferences
// (me/preferences/recent.<module>), so the start page can offer them again from any browser.
// Only kinds and ids are kept: names are read afresh, under the access rule, when shown.

/** How many records a module remembers for a user. */
const KEPT = 10;

const keyOf = (module) => `me/preferences/${encodeURIComponent(`recent.${module}`)}`;

/** The module's recently opened records, newest first: [{kind, id, at}] (none when nothing is kept or it cannot be read). */
export async function recentRecords(mosaic, module) {
  try {
    const kept = await mosaic.api.get(keyOf(module), { quiet: true });
    return Array.isArray(kept) ? kept.filter((e) => e && typeof e.kind === 'string' && typeof e.id === 'string') : [];
  } catch (e) {
    return [];
  }
}

/**
 * Notes that the user opened record {@code id} of {@code kind}: it goes first, once. Never
 * fails the page that calls it; a record opened in two tabs at once may keep only one of them.
 */
export async function noteOpened(mosaic, module, kind, id) {
  const kept = (await recentRecords(mosaic, module)).filter((e) => !(e.kind === kind && e.id === id));
  const entries = [{ kind, id, at: new Date().toISOString() }, ...kept].slice(0, KEPT);
  await mosaic.api.put(keyOf(module), entries, { quiet: true }).catch(() => {});
}
