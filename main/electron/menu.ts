import { Menu, type MenuItemConstructorOptions } from 'electron';
import type { ShellText } from './shell-text';

/** Standard editing and view commands (copy, zoom, full screen), in the shell's language. */
export function appMenu(development: boolean, text: ShellText): Menu {
  const { menu } = text;
  const template: MenuItemConstructorOptions[] = [
    { label: menu.file, submenu: [{ role: 'quit', label: text.quit }] },
    {
      label: menu.edit,
      submenu: [
        { role: 'undo', label: menu.undo },
        { role: 'redo', label: menu.redo },
        { type: 'separator' },
        { role: 'cut', label: menu.cut },
        { role: 'copy', label: menu.copy },
        { role: 'paste', label: menu.paste },
        { role: 'selectAll', label: menu.selectAll },
      ],
    },
    {
      label: menu.view,
      submenu: [
        { role: 'resetZoom', label: menu.resetZoom },
        { role: 'zoomIn', label: menu.zoomIn },
        { role: 'zoomOut', label: menu.zoomOut },
        { type: 'separator' },
        { role: 'togglefullscreen', label: menu.fullScreen },
        ...(development ? ([{ type: 'separator' }, { role: 'reload' }, { role: 'toggleDevTools' }] as const) : []),
      ],
    },
  ];
  return Menu.buildFromTemplate(template);
}
