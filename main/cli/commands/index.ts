import type { Command } from '../command';
import { demoCommand } from './demo';
import { designateCommand } from './designate';
import { evaluationCommand } from './evaluation';
import { exportCommand } from './export';
import { importCommand } from './import';
import { infoCommand } from './info';

/** Every command, in the order --help lists them. */
export const commands: Command[] = [demoCommand, infoCommand, importCommand, exportCommand, designateCommand, evaluationCommand];
