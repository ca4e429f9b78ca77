// The name meant by a mistyped one, for "did you mean …?": one rule for the sandbox's unknown
// fixture fields and the command's unknown commands and options. Pure, and free of the client, so
// that the sandbox (which never imports the client) and the command can both use it.
import leven from "leven";

/**
 * The one name of `names` that `typed` most likely meant, or undefined when none is close: the only
 * name `typed` begins (`tim` → `timeout`), else the nearest by edits, when it is at most a third
 * of the typed length away (at least 2 edits: `lsit` → `list`) and no other name is as near (a
 * tie goes to the one name that starts with the same letter: `lsit` is as near to `wait`).
 */
export function nearestName(typed: string, names: readonly string[]): string | undefined {
  if (names.includes(typed)) return typed;
  const begun = typed.length >= 2 ? names.filter((name) => name.startsWith(typed)) : [];
  if (begun.length === 1) return begun[0];
  const allowed = Math.max(2, Math.floor(typed.length / 3));
  const distances = names.map((name) => ({ name, distance: leven(typed, name, { maxDistance: allowed + 1 }) }));
  const nearest = Math.min(allowed + 1, ...distances.map(({ distance }) => distance));
  const candidates = distances.filter(({ distance }) => distance === nearest && distance <= allowed);
  if (candidates.length === 1) return candidates[0]?.name;
  const sameStart = candidates.filter(({ name }) => name[0] === typed[0]);
  return sameStart.length === 1 ? sameStart[0]?.name : undefined;
}
