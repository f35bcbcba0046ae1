import { homedir } from 'node:os';
import { join } from 'node:path';

export const STORE_ENV = 'GRANTLENS_DB';
const APP_FOLDER = 'Grantlens';
const STORE_FILE = 'grantlens.sqlite';

/** The OS user-data folder, where Electron's app.getPath('userData') puts it for an app named Grantlens. */
function userDataDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_FOLDER);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_FOLDER);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_FOLDER);
}

/** `--db PATH` wins, then the GRANTLENS_DB variable, then the default file in the user-data folder. */
export function resolveStorePath(
  dbOption: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  return dbOption || env[STORE_ENV] || join(userDataDir(env, platform), STORE_FILE);
}
