export * from './brand-code.ts';
export * from './codec.ts';
export * from './dm.ts';
export * from './forced-enrollment-hash.ts';
export * from './partner.ts';
export * from './status.ts';
