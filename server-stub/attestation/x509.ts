// @peculiar/x509, loaded after the Reflect metadata polyfill it needs (see ./reflect-polyfill.ts).

import './reflect-polyfill.ts';

export * from '@peculiar/x509';
