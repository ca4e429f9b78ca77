// A results file belongs to one batch at a time: `<results>.lock` beside it, created exclusively
// before the file is read or anything is sent, names its holder (pid, host, start). A second batch
// on the same file is refused; a lock whose holder ended without releasing it (a crash, a power
// cut) is taken over: on this host when its pid is gone, from another host (a shared folder) when
// it has not been refreshed for STALE_AFTER_MS.
import { randomUUID } from "node:crypto";
import {
  closeSync,
  linkSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { hostname } from "node:os";
import { UsageError } from "./exit-codes.js";

/** A lock from another host (or one that cannot be read) not refreshed for this long is taken over. */
export const STALE_AFTER_MS = 10 * 60_000;
/** How often a holder refreshes its lock's time, far inside STALE_AFTER_MS whatever the machine's load. */
const REFRESH_MS = 60_000;
/** Rounds of "it exists / it is gone / it is back" before giving up: only other batches starting at once cause them. */
const TRIES = 5;
const NO_HARD_LINKS = new Set(["EPERM", "ENOTSUP", "EOPNOTSUPP", "ENOSYS"]);

/** Who holds a lock, as its file says. */
export interface LockHolder {
  pid: number;
  host: string;
  /** When the holder took it (ISO 8601). */
  started: string;
}

export interface ResultsLock {
  /** The lock file: `<results>.lock`. */
  path: string;
  /** The holder whose lock was taken over because it had ended without releasing it. */
  tookOver: LockHolder | undefined;
  /** Removes the lock, if it is still this one's; at once (a program may exit right after). Again: nothing. */
  release(): void;
}

/**
 * Takes the lock of `resultsPath`, or refuses.
 * @throws UsageError when another batch holds it (naming the holder), or the lock cannot be created
 */
export function lockResults(resultsPath: string): ResultsLock {
  const path = `${resultsPath}.lock`;
  let tookOver: LockHolder | undefined;
  for (let attempt = 0; attempt < TRIES; attempt++) {
    const mine: LockHolder & { id: string } = {
      pid: process.pid,
      host: hostname(),
      started: new Date().toISOString(),
      // Tells this lock from another of the same process (two batches in one program).
      id: randomUUID(),
    };
    const text = `${JSON.stringify(mine)}\n`;
    if (!create(path, text)) {
      const found = read(path);
      if (found === undefined) continue; // released meanwhile
      if (!ended(found)) throw new UsageError(inUse(resultsPath, path, found.holder));
      if (removeIfUnchanged(path, found.text)) tookOver = found.holder ?? tookOver;
      continue;
    }
    return held(path, text, tookOver);
  }
  throw new UsageError(`${path} keeps changing: other batches are starting on ${resultsPath}; run one at a time`);
}

/**
 * Creates the lock with its whole text, or finds one there (false): written aside, then linked to
 * its name, so that no batch ever reads a lock cut short (as open, then write, could show).
 */
function create(path: string, text: string): boolean {
  const aside = `${path}.${randomUUID()}`;
  try {
    writeFileSync(aside, text, { flag: "wx" });
    linkSync(aside, path);
    return true;
  } catch (error) {
    if (codeOf(error) === "EEXIST") return false;
    if (!NO_HARD_LINKS.has(codeOf(error)))
      throw new UsageError(`cannot create ${path}: ${codeOf(error) || String(error)}`);
  } finally {
    rmSync(aside, { force: true });
  }
  // A file system without hard links: created in place, exclusively all the same.
  let fd: number;
  try {
    fd = openSync(path, "wx");
  } catch (error) {
    if (codeOf(error) === "EEXIST") return false;
    throw new UsageError(`cannot create ${path}: ${codeOf(error) || String(error)}`);
  }
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
  return true;
}

function held(path: string, text: string, tookOver: LockHolder | undefined): ResultsLock {
  // Keeps the lock's time fresh for a batch on another host; it never keeps the process alive.
  const refresh = setInterval(() => {
    try {
      const now = new Date();
      utimesSync(path, now, now);
    } catch {
      // Gone or unreachable: the release, or the next batch's judgement, deals with it.
    }
  }, REFRESH_MS);
  refresh.unref();
  let released = false;
  return {
    path,
    tookOver,
    release() {
      if (released) return;
      released = true;
      clearInterval(refresh);
      // Another batch's lock (this one was taken over after all) is not this one's to remove.
      if (read(path)?.text === text) rmSync(path, { force: true });
    },
  };
}

interface Found {
  text: string;
  /** Undefined when the file does not name a holder (cut short, or not written by this command). */
  holder: LockHolder | undefined;
  modifiedMs: number;
}

function read(path: string): Found | undefined {
  try {
    const modifiedMs = statSync(path).mtimeMs;
    const text = readFileSync(path, "utf8");
    return { text, holder: holderIn(text), modifiedMs };
  } catch (error) {
    if (codeOf(error) === "ENOENT") return undefined;
    throw new UsageError(`cannot read ${path}: ${codeOf(error) || String(error)}`);
  }
}

function holderIn(text: string): LockHolder | undefined {
  try {
    const { pid, host, started } = JSON.parse(text) as Partial<LockHolder>;
    if (Number.isSafeInteger(pid) && (pid as number) > 0 && typeof host === "string" && typeof started === "string") {
      return { pid: pid as number, host, started };
    }
  } catch {
    // Not JSON: judged by its age.
  }
  return undefined;
}

/** Whether the holder has ended without releasing the lock. */
function ended({ holder, modifiedMs }: Found): boolean {
  // On this host the pid is the proof either way; elsewhere only silence is.
  if (holder?.host === hostname()) return !isRunning(holder.pid);
  return Date.now() - modifiedMs > STALE_AFTER_MS;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return codeOf(error) === "EPERM";
  }
}

/**
 * Removes the ended lock unless another batch replaced it since it was read: moved aside first,
 * so that two batches taking over at once cannot both remove it and each create its own. A lock
 * moved aside that turns out to be new is put back.
 */
function removeIfUnchanged(path: string, text: string): boolean {
  const aside = `${path}.${randomUUID()}`;
  try {
    renameSync(path, aside);
  } catch (error) {
    if (codeOf(error) === "ENOENT") return false; // another batch removed it first
    throw new UsageError(`cannot take over ${path}: ${codeOf(error) || String(error)}`);
  }
  const unchanged = readFileSync(aside, "utf8") === text;
  if (!unchanged) {
    try {
      linkSync(aside, path);
    } catch {
      // A third batch has created one meanwhile: that one holds the file now.
    }
  }
  rmSync(aside, { force: true });
  return unchanged;
}

function inUse(resultsPath: string, path: string, holder: LockHolder | undefined): string {
  const who = holder ? ` (pid ${holder.pid} on ${holder.host}, since ${holder.started})` : "";
  return (
    `${resultsPath} is in use by another batch${who}: wait for it to end, or choose another --results file. ` +
    `If no batch is running on it, delete ${path}.`
  );
}

function codeOf(error: unknown): string {
  return String((error as { code?: unknown })?.code ?? "");
}
