export * from './dm.ts';
export * from './status.ts';
