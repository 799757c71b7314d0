// Formatting a date or a number (Intl, toISOString) costs microseconds a call,
// and a page formats the same few published dates and counts on every miss:
// rendering the home page spent a third of its time in Intl's formatToParts.
// Remembered per isolate.

/** Past this many entries the memory starts over: bounded, and a page's dates come back at once. */
const MAX_ENTRIES = 4096;

/** `format`, remembering its answers: only for pure functions of their argument. */
export function remembered<K, V>(format: (key: K) => V): (key: K) => V {
  const known = new Map<K, V>();
  return (key) => {
    const hit = known.get(key);
    if (hit !== undefined) return hit;
    const value = format(key);
    if (known.size >= MAX_ENTRIES) known.clear();
    known.set(key, value);
    return value;
  };
}
