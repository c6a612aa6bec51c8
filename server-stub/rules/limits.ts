// Numeric limits shared by the seed validator and the API schemas.

/** Largest Chrome Enterprise Upgrade total a customer can hold. */
export const MAX_LICENCES = 1_000_000;
