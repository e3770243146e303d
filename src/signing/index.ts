// Public face of the signing module.
export * from './rules';
export * from './sign';
export * from './diagnose';
