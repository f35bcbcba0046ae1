import type { Command } from '../command';
import { backupCommand, restoreCommand } from './backup';
import { demoCommand } from './demo';
import { designateCommand } from './designate';
import { exportCommand } from './export';
import { importCommand } from './import';
import { infoCommand } from './info';
import { verifyCommand } from './verify';

/** Every command, in the order --help lists them. */
export const commands: Command[] = [demoCommand, infoCommand, importCommand, exportCommand, designateCommand, backupCommand, restoreCommand, verifyCommand];
