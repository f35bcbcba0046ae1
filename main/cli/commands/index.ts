import type { Command } from '../command';
import { analysesExportCommand, analysesImportCommand, analysesListCommand } from './analyses';
import { crosstabCommand } from './crosstab';
import { backupCommand, restoreCommand } from './backup';
import { demoCommand } from './demo';
import { designateCommand } from './designate';
import { evaluationCommand } from './evaluation';
import { exchangeExportCommand, exchangeImportCommand } from './exchange';
import { exportCommand } from './export';
import { importAreasCommand, importDefinitionsCommand, importIndicatorsCommand } from './import-indicators';
import { registerImportCommands } from './import-register';
import { infoCommand } from './info';
import { verifyCommand } from './verify';

/** Every command, in the order --help lists them. */
export const commands: Command[] = [
  demoCommand,
  infoCommand,
  importIndicatorsCommand,
  importAreasCommand,
  importDefinitionsCommand,
  ...registerImportCommands,
  exportCommand,
  designateCommand,
  crosstabCommand,
  analysesListCommand,
  analysesExportCommand,
  analysesImportCommand,
  evaluationCommand,
  backupCommand,
  restoreCommand,
  verifyCommand,
  exchangeExportCommand,
  exchangeImportCommand,
];
