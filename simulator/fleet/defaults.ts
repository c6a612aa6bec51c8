/** Agents booting at once by default (in-process, spread over the worker threads). */
export const DEFAULT_CONCURRENCY = 24;
/** Fleet size by default. */
export const DEFAULT_DEVICES = 100;
