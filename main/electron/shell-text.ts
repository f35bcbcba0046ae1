import type { ErrorCode } from '../contract/errors';

// The words the shell itself shows: native dialogs and the menu, which Electron draws and the
// renderer's i18n cannot reach, and the dialog for a refused store, shown before any window exists.
// They follow the operating system's language (Swedish unless it prefers English), not the UI's
// language choice, which lives in the renderer and may change while a dialog is open. Everything
// else the main side says is a code with params for the renderer to word. The reasons a store is
// refused say what renderer/src/i18n's errors say, shorter; keep the two in step.

export type ShellLanguage = 'sv' | 'en';

export interface ShellText {
  storeRefused: string;
  openOtherStore: string;
  createStore: string;
  quit: string;
  openStoreTitle: string;
  createStoreTitle: string;
  importTitle: string;
  exportTitle: string;
  printPdfTitle: string;
  storeFiles: string;
  /**
   * Why a store was refused, by the error's code; any other code is shown with `otherError`. A store
   * a restore mends is not refused here: the window says so and offers its backups.
   */
  refusals: Partial<Record<ErrorCode, string>>;
  otherError: string;
  menu: { file: string; edit: string; view: string; undo: string; redo: string; cut: string; copy: string; paste: string; selectAll: string; resetZoom: string; zoomIn: string; zoomOut: string; fullScreen: string };
}

export const shellTexts: Record<ShellLanguage, ShellText> = {
  sv: {
    storeRefused: 'Datafilen kunde inte öppnas',
    openOtherStore: 'Öppna en annan fil…',
    createStore: 'Skapa en ny fil…',
    quit: 'Avsluta',
    openStoreTitle: 'Öppna datafil',
    createStoreTitle: 'Skapa ny datafil',
    importTitle: 'Välj fil att importera',
    exportTitle: 'Exportera till',
    printPdfTitle: 'Skriv ut till PDF',
    storeFiles: 'Grantlens (SQLite)',
    refusals: {
      STORE_FOREIGN: 'Filen är ingen Grantlens-datafil och har inte ändrats.',
      STORE_NEWER: 'Filen är skapad av en nyare version av Grantlens och har inte ändrats. Uppdatera Grantlens för att öppna den.',
      MIGRATION_MISMATCH: 'Datafilen har ändringar som den här versionen av Grantlens inte känner till.',
    },
    otherError: 'Ett internt fel inträffade.',
    menu: {
      file: 'Arkiv',
      edit: 'Redigera',
      view: 'Visa',
      undo: 'Ångra',
      redo: 'Gör om',
      cut: 'Klipp ut',
      copy: 'Kopiera',
      paste: 'Klistra in',
      selectAll: 'Markera allt',
      resetZoom: 'Normal storlek',
      zoomIn: 'Zooma in',
      zoomOut: 'Zooma ut',
      fullScreen: 'Helskärm',
    },
  },
  en: {
    storeRefused: 'The data file could not be opened',
    openOtherStore: 'Open another file…',
    createStore: 'Create a new file…',
    quit: 'Quit',
    openStoreTitle: 'Open data file',
    createStoreTitle: 'Create a new data file',
    importTitle: 'Choose a file to import',
    exportTitle: 'Export to',
    printPdfTitle: 'Print to PDF',
    storeFiles: 'Grantlens (SQLite)',
    refusals: {
      STORE_FOREIGN: 'The file is not a Grantlens data file and has not been changed.',
      STORE_NEWER: 'The file was made by a newer version of Grantlens and has not been changed. Update Grantlens to open it.',
      MIGRATION_MISMATCH: 'The data file has changes this version of Grantlens does not know.',
    },
    otherError: 'An internal error occurred.',
    menu: {
      file: 'File',
      edit: 'Edit',
      view: 'View',
      undo: 'Undo',
      redo: 'Redo',
      cut: 'Cut',
      copy: 'Copy',
      paste: 'Paste',
      selectAll: 'Select all',
      resetZoom: 'Actual size',
      zoomIn: 'Zoom in',
      zoomOut: 'Zoom out',
      fullScreen: 'Full screen',
    },
  },
};

/** The first of the OS's preferred languages (`sv-SE`, `en-GB`, …) that the shell speaks; Swedish, the app's own, otherwise. */
export function shellLanguage(preferred: readonly string[]): ShellLanguage {
  for (const tag of preferred) {
    const language = tag.toLowerCase().split(/[-_]/)[0];
    if (language === 'sv' || language === 'en') return language;
  }
  return 'sv';
}
