export * from './dm.ts';
export * from './partner.ts';
export * from './status.ts';
