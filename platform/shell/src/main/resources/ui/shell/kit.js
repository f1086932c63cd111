// The UI kit of module pages, served by the shell at /ui/shell/kit.js. A page imports what it
// needs by this path (`import { mountView, input } from '/ui/shell/kit.js'`); every function
// takes the `mosaic` object the shell hands to `mount`, for lit-html, messages and the API.
// See platform/shell/README.md.

export { mountView, loading, errorBox, okBox } from './kit/view.js';
export {
  formState, inputOf, fieldErrors, ariaInvalid, input, focusFirstInvalid, submit, conflictBox, formAlert,
  splitList, joinList, LIST_SEPARATOR, formChanged, formSaved,
} from './kit/form.js';
export { totalText, tableWrap, cursorPaging, countLine, pager, dataTable } from './kit/table.js';
export {
  PAGE_SIZES, listPreferences, pageSizePicker, columnChooser, filterPanelState, filterPanel, listSelection, bulkBar, followJob, jobLine,
} from './kit/list.js';
export { countRows, watchJob, importProgress, importView } from './kit/importer.js';
export { fieldsView } from './kit/fields.js';
export { customFields, customToForm, customFromForm, customText, customInput } from './kit/fields.js';
export { combobox, setChoice, listSearch, userSearch, userName, loadOwnership, ownershipToForm, ownershipFromForm, ownershipInputs } from './kit/pickers.js';
export { confirmDialog } from './kit/dialog.js';
export { recentRecords, noteOpened } from './kit/recent.js';
export { mountPanels, panelCard, recordPanels, recordPanelSlot } from './kit/panels.js';
