/** The lake's Parquet datasets: row types, encode/decode, object names and day-partition reads. */
export * from './raw-rows';
export * from './enriched-rows';
export * from './partition-layout';
export * from './partition-reader';
