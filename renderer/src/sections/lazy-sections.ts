import { lazy } from 'react';

// Each section but the Overview (the first screen) is its own chunk, fetched and parsed when the
// section is first opened: the indicators' maps and charts, the register's grids and forms, and
// the import wizard are not read before anyone asks for them.

export const Applications = lazy(() => import('./applications/Applications').then((module) => ({ default: module.Applications })));
export const ImportSection = lazy(() => import('./import/ImportSection').then((module) => ({ default: module.ImportSection })));
export const Indicators = lazy(() => import('./indicators/Indicators').then((module) => ({ default: module.Indicators })));
export const Settings = lazy(() => import('./Settings').then((module) => ({ default: module.Settings })));
export const Evaluations = lazy(() => import('./evaluations/Evaluations').then((module) => ({ default: module.Evaluations })));
export const Crosstab = lazy(() => import('./crosstab/Crosstab').then((module) => ({ default: module.Crosstab })));
export const Backups = lazy(() => import('./backups/Backups').then((module) => ({ default: module.Backups })));
export const DamagedStore = lazy(() => import('./backups/DamagedStore').then((module) => ({ default: module.DamagedStore })));
