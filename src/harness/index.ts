// Public face of the harness: load a collection, inject the signing hook, run it.
export * from './load-collection';
export * from './hook-script';
export * from './inject-hook';
export * from './masker';
export * from './run-target';
export * from './run-report';
export * from './run-collection';
