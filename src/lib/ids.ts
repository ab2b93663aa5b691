// Row ids are PostgreSQL `integer`s: a number beyond that range names no row, and must not reach a query
// (the driver refuses it with an error, which would answer 500 instead of 404).

export const MAX_DB_ID = 2_147_483_647;

/** True when `n` can be the id of a row. */
export const isDbId = (n: number): boolean => Number.isSafeInteger(n) && n > 0 && n <= MAX_DB_ID;
