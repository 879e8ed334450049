/**
 * `{ ...base, ...extra }` built with Object.assign. On Node 20, V8 reads the properties of an object
 * made by a spread followed by more properties about 40 times slower than those of the same object
 * made this way (a one-off script on the bench machine: 600,000 reads of one field, 268 ms against
 * 5 ms), and the Parquet encoder reads every field of every row: encoding 20,000 enriched rows took
 * 505–661 ms from such objects and 234–292 ms from these.
 */
export function withExtraFields<Base extends object, Extra extends object>(
  base: Base,
  extra: Extra,
): Base & Extra {
  return Object.assign({}, base, extra);
}
