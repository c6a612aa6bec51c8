/** Named delays of the machine (ms). Tests drive them with xstate's SimulatedClock. */
export const SAFEGUARD_MS = 90_000;
/** How often the offline screen re-checks the link when no NETWORK_UP event arrives. */
export const LINK_POLL_MS = 2_000;
/** Backoff of retryable errors: capped exponential with jitter, Retry-After honoured. */
export const RETRY_BASE_MS = 1_000;
export const RETRY_CAP_MS = 30_000;
/** How often the clock screen re-checks the device clock on its own. */
export const CLOCK_POLL_MS = 5_000;
