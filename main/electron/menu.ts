import { Menu, type MenuItemConstructorOptions } from 'electron';

/** Standard editing and view commands (copy, zoom, full screen), named in Swedish like the UI. */
export function appMenu(development: boolean): Menu {
  const template: MenuItemConstructorOptions[] = [
    { label: 'Arkiv', submenu: [{ role: 'quit', label: 'Avsluta' }] },
    {
      label: 'Redigera',
      submenu: [
        { role: 'undo', label: 'Ångra' },
        { role: 'redo', label: 'Gör om' },
        { type: 'separator' },
        { role: 'cut', label: 'Klipp ut' },
        { role: 'copy', label: 'Kopiera' },
        { role: 'paste', label: 'Klistra in' },
        { role: 'selectAll', label: 'Markera allt' },
      ],
    },
    {
      label: 'Visa',
      submenu: [
        { role: 'resetZoom', label: 'Normal storlek' },
        { role: 'zoomIn', label: 'Zooma in' },
        { role: 'zoomOut', label: 'Zooma ut' },
        { type: 'separator' },
        { role: 'togglefullscreen', label: 'Helskärm' },
        ...(development ? ([{ type: 'separator' }, { role: 'reload' }, { role: 'toggleDevTools' }] as const) : []),
      ],
    },
  ];
  return Menu.buildFromTemplate(template);
}
