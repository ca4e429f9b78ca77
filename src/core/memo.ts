// What the client derives from the spec (a compiled check, a split path, a regular expression) is
// made once, on first use, and reused by every call after: one cache for all of them.

/** `make` as a function that calls it once per key and gives back the kept result after. */
export function memo<K, V>(make: (key: K) => V): (key: K) => V {
  const made = new Map<K, V>();
  return (key) => {
    let value = made.get(key);
    if (value === undefined && !made.has(key)) {
      value = make(key);
      made.set(key, value);
    }
    return value as V;
  };
}
