import { AllCommunityModule, ModuleRegistry } from 'ag-grid-community';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { initI18n } from './i18n';
import './styles.css';

// Community modules only: pivoting and row grouping are Enterprise features, so cross-tabs are
// computed in SQLite and shown as plain columns.
ModuleRegistry.registerModules([AllCommunityModule]);
initI18n();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
