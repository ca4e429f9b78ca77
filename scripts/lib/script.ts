// What every pipeline script needs: its command-line options, whether it is the file being run,
// the tools installed in node_modules/.bin, and scratch folders that are always removed.
import { mkdtempSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository's root folder. */
export const root = fileURLToPath(new URL("../../", import.meta.url));

/**
 * The value after `name` in `args` (`--base main` gives "main"), or undefined when `name` is absent.
 * @throws Error when `name` is the last argument, with no value after it.
 */
export function option(args: readonly string[], name: string): string | undefined {
  const index = args.indexOf(name);
  if (index < 0) return undefined;
  const value = args[index + 1];
  if (value === undefined) throw new Error(`${name} needs a value`);
  return value;
}

/**
 * Whether the module at `moduleUrl` (its `import.meta.url`) is the script Node was asked to run,
 * rather than a module imported by a test. Compared as file paths, because a URL spells a space
 * or a non-ASCII letter in the path differently (percent-encoded) from `process.argv[1]`.
 */
export function isMain(moduleUrl: string): boolean {
  const started = process.argv[1];
  if (!started) return false;
  const real = (path: string) => {
    try {
      return realpathSync(path);
    } catch {
      return path;
    }
  };
  return real(fileURLToPath(moduleUrl)) === real(resolve(started));
}

/** The path of a tool installed in node_modules/.bin, such as `redocly` or `typedoc`. */
export const bin = (name: string) => join(root, "node_modules", ".bin", name);

/**
 * Runs `use` with a new empty folder in the system's temporary folder, and removes it afterwards:
 * when `use` returns or throws, or, when it returns a promise, once that promise settles.
 */
export function withScratch<T>(prefix: string, use: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  let result: T;
  try {
    result = use(dir);
  } catch (error) {
    remove();
    throw error;
  }
  if (result instanceof Promise) return result.finally(remove) as T;
  remove();
  return result;
}
