import { AG_GRID_LOCALE_EN, AG_GRID_LOCALE_SE } from '@ag-grid-community/locale';

/** AG Grid's own texts (filter menus, paging) in the UI's language. */
export function gridLocale(language: string): Record<string, string> {
  return language === 'en' ? AG_GRID_LOCALE_EN : AG_GRID_LOCALE_SE;
}
