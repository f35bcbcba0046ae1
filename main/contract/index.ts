export * from './calls';
export * from './errors';
export * from './progress';
export * from './validate';
export * from './channels';
export * from './tables';
