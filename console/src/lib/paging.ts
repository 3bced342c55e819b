/**
 * Server-side paging over the API's cursor connections: the table holds one page; "next"
 * passes the page's endCursor, "previous" goes back through the cursors already seen. No
 * screen ever loads a whole list (the archive holds a million cylinders).
 */
import { ref, shallowRef } from "vue";
import { errorText } from "../api/graphql";

export interface Connection<Row> {
  nodes: Row[];
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
}

export function usePaged<Row>(fetchPage: (after: string | null, first: number) => Promise<Connection<Row>>) {
  const rows = shallowRef<Row[]>([]);
  const loading = ref(false);
  const error = ref<string | null>(null);
  const page = ref(1);
  const size = ref(20);
  const hasNext = ref(false);
  /** cursors[i] is the `after` of page i + 1 */
  let cursors: (string | null)[] = [null];
  let endCursor: string | null = null;
  let generation = 0;

  async function load(): Promise<void> {
    const mine = ++generation;
    loading.value = true;
    error.value = null;
    try {
      const c = await fetchPage(cursors[page.value - 1] ?? null, size.value);
      if (mine !== generation) return;
      rows.value = c.nodes;
      hasNext.value = c.pageInfo.hasNextPage;
      endCursor = c.pageInfo.endCursor;
    } catch (e) {
      if (mine !== generation) return;
      error.value = errorText(e);
      rows.value = [];
      hasNext.value = false;
    } finally {
      if (mine === generation) loading.value = false;
    }
  }

  /** Reads the current page again without the loading veil (a periodic refresh). */
  async function refresh(): Promise<void> {
    if (loading.value) return;
    const mine = generation;
    try {
      const c = await fetchPage(cursors[page.value - 1] ?? null, size.value);
      if (mine !== generation) return;
      rows.value = c.nodes;
      hasNext.value = c.pageInfo.hasNextPage;
      endCursor = c.pageInfo.endCursor;
    } catch {
      // the next refresh tries again; the table keeps what it shows
    }
  }

  return {
    rows,
    refresh,
    loading,
    error,
    page,
    size,
    hasNext,
    load,
    /** Back to the first page (filters changed). */
    reset(): Promise<void> {
      cursors = [null];
      page.value = 1;
      return load();
    },
    next(): Promise<void> {
      if (!hasNext.value) return Promise.resolve();
      cursors[page.value] = endCursor;
      page.value += 1;
      return load();
    },
    prev(): Promise<void> {
      if (page.value <= 1) return Promise.resolve();
      page.value -= 1;
      return load();
    },
    setSize(n: number): Promise<void> {
      size.value = n;
      cursors = [null];
      page.value = 1;
      return load();
    },
  };
}

export type Paged<Row> = ReturnType<typeof usePaged<Row>>;
