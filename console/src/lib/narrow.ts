/** Whether the screen is phone-narrow (≤ 640 px), kept up to date. */
import { onBeforeUnmount, ref } from "vue";

export function useNarrow(maxWidth = 640) {
  const query = window.matchMedia(`(max-width: ${maxWidth}px)`);
  const narrow = ref(query.matches);
  const update = () => {
    narrow.value = query.matches;
  };
  query.addEventListener("change", update);
  onBeforeUnmount(() => query.removeEventListener("change", update));
  return narrow;
}
