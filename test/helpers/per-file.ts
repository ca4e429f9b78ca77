// Something a test file starts before its tests and stops after them, whatever the tests did.
import { afterAll, beforeAll } from "vitest";

export function perFile<T>(start: () => Promise<T>, stop: (it: T) => Promise<void>): () => T {
  let running: T | undefined;
  beforeAll(async () => {
    running = await start();
  });
  afterAll(async () => {
    if (running !== undefined) await stop(running);
  });
  return () => {
    if (running === undefined) throw new Error("not started: use it inside a test");
    return running;
  };
}
