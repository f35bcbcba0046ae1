// electron-builder's afterPack hook: sets the packaged Electron binary's fuses, once the app and
// its resources are in place and before anything is signed.
import { FuseV1Options, FuseVersion } from '@electron/fuses';

/**
 * Each fuse, decided. The app never runs Electron as plain Node, takes no NODE_OPTIONS and no
 * --inspect, and loads only its own checked app.asar. File protocol privileges stay: the renderer
 * is loaded from file: as ES modules, which need them.
 */
export const fuses = {
  version: FuseVersion.V1,
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: true,
};

/** @param {import('app-builder-lib').AfterPackContext} context */
export async function afterPack(context) {
  // The packager knows where each platform's binary lies (Grantlens.exe, grantlens, Grantlens.app).
  await context.packager.addElectronFuses(context, fuses);
}
