// The Säkerhetskopior screen and the damaged-store screen in Swedish; backups.en.ts must have the same keys (checked by tsc via sv.ts/en.ts).
import type { BackupReason, refusalsARestoreMends } from '../../../main/contract/calls';

type Refusal = (typeof refusalsARestoreMends)[number];

export const backupsSv = {
  title: 'Säkerhetskopior',
  intro:
    'Grantlens sparar en kopia av datafilen före varje import, uppdatering av datafilen och återställning, och en gång om dagen. De sju senaste dagliga och de tio senaste före en ändring behålls.',
  folder: 'Mapp',
  take: 'Ta säkerhetskopia nu',
  fromFile: 'Återställ från fil…',
  taken: 'Säkerhetskopian från {{when}} är tagen.',
  none: 'Det finns inga säkerhetskopior av den här datafilen än.',
  table: 'Säkerhetskopior, nyaste först',
  takenAt: 'Tagen',
  reason: 'Orsak',
  size: 'Storlek (MB)',
  unreadable: 'Går inte att läsa',
  restore: 'Återställ…',
  restoreOf: 'Återställ säkerhetskopian från {{when}}…',
  reasons: {
    daily: 'Daglig',
    manual: 'Tagen för hand',
    'before-migration': 'Före uppdatering av datafilen',
    'before-restore': 'Före återställning',
    'before-import': 'Före import',
  } satisfies Record<BackupReason, string>,
  confirm: {
    title: 'Återställa säkerhetskopian?',
    fileTitle: 'Återställa från filen?',
    backup: 'Datafilen ersätts med säkerhetskopian från {{when}}. Allt som har ändrats sedan dess ersätts.',
    file: 'Datafilen ersätts med innehållet i {{name}}. Allt som har ändrats sedan den kopian togs ersätts.',
    safety: 'Först sparas datafilen som den är nu som en ny säkerhetskopia, ”Före återställning”, så att du kan ångra återställningen.',
    cancel: 'Avbryt',
    restore: 'Återställ',
  },
  restoring: 'Återställer… Kopian kontrolleras och datafilen sparas först, vilket tar en stund för en stor datafil.',
  restored: 'Datafilen är återställd från {{from}}. Datafilen som den var innan finns kvar som säkerhetskopian från {{safety}} ({{name}}).',
  restoredNothingKept: 'Datafilen är återställd från {{from}}.',
  fromBackup: 'säkerhetskopian från {{when}}',
  dismiss: 'Stäng',
  damaged: {
    title: {
      STORE_DAMAGED: 'Datafilen är skadad',
      STORE_UNREADABLE: 'Datafilen kunde inte läsas',
    } satisfies Record<Refusal, string>,
    body: {
      STORE_DAMAGED: 'Datafilen {{path}} är skadad och har inte öppnats.',
      STORE_UNREADABLE: 'Datafilen {{path}} kunde inte läsas och har inte öppnats.',
    } satisfies Record<Refusal, string>,
    untouched: 'Filen har inte ändrats, och den lagas eller skrivs inte över om du inte själv väljer att återställa en säkerhetskopia.',
    offer: 'Återställ en säkerhetskopia nedan, eller öppna eller skapa en annan datafil.',
  },
};
