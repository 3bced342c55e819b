/**
 * The one way subgraphs batch reads. A DataLoader whose batch window is the whole current
 * turn of the event loop (setImmediate) rather than the next microtask tick: resolvers of one
 * `_entities` request reach their loaders at different promise depths, and under CPU load a
 * tick-sized window splits one batch into several queries.
 */
import DataLoader from "dataloader";

export function batchLoader<K, V, C = K>(
  batch: DataLoader.BatchLoadFn<K, V>,
  options: Omit<DataLoader.Options<K, V, C>, "batchScheduleFn"> = {},
): DataLoader<K, V, C> {
  return new DataLoader<K, V, C>(batch, { ...options, batchScheduleFn: (dispatch) => setImmediate(dispatch) });
}

export type { DataLoader };
