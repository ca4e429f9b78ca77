// Giving a complete file its final name in the folder: the first free one, taken atomically, so
// that a file that appears meanwhile is never replaced (unless told to replace).
import { link, lstat, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { numbered } from "./file-names.js";

const MAX_COPIES = 1000;
// Where a file system has no hard links, a name is checked, then taken by rename.
const NO_HARD_LINKS = new Set(["EPERM", "ENOTSUP", "EOPNOTSUPP", "ENOSYS"]);

/** Gives the complete file its final name: the first free one, unless told to replace. */
export async function place(
  temporary: string,
  folder: string,
  name: string,
  overwrite: boolean,
  taken: Set<string>,
): Promise<string> {
  for (let n = 1; n <= MAX_COPIES; n++) {
    const candidate = numbered(name, n);
    // Two outputs of one job never share a name, even where case does not tell names apart.
    if (taken.has(candidate.toLowerCase())) continue;
    const path = join(folder, candidate);
    if (overwrite ? await replace(temporary, path) : await claim(temporary, path)) {
      taken.add(candidate.toLowerCase());
      return path;
    }
  }
  throw new Error(`No free name for ${name} in ${folder} after ${MAX_COPIES} tries`);
}

/** Links the file under `path` only if nothing has that name: atomic, so a file that appears meanwhile is kept. */
async function claim(temporary: string, path: string): Promise<boolean> {
  try {
    await link(temporary, path);
  } catch (error) {
    const code = codeOf(error);
    if (code === "EEXIST") return false;
    if (!NO_HARD_LINKS.has(code)) throw error;
    if (await exists(path)) return false;
    await rename(temporary, path);
    return true;
  }
  await rm(temporary);
  return true;
}

async function replace(temporary: string, path: string): Promise<boolean> {
  try {
    await rename(temporary, path);
    return true;
  } catch (error) {
    // A folder of that name cannot be replaced by a file: take the next name.
    if (["EISDIR", "ENOTEMPTY", "EEXIST"].includes(codeOf(error))) return false;
    throw error;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch (error) {
    if (codeOf(error) === "ENOENT") return false;
    throw error;
  }
}

function codeOf(error: unknown): string {
  return String((error as { code?: unknown })?.code ?? "");
}
