// Starts a Prism for one test file and stops it afterwards, whatever the tests did.
import { afterAll, beforeAll } from "vitest";
import { type PrismOptions, type RunningPrism, startPrism } from "../../src/mock.js";

/** `options` may be a function, read when the file's tests start (after earlier beforeAll hooks). */
export function usePrism(options: PrismOptions | (() => PrismOptions) = {}): { url: () => string } {
  let prism: RunningPrism | undefined;
  beforeAll(async () => {
    prism = await startPrism(typeof options === "function" ? options() : options);
  });
  afterAll(async () => {
    await prism?.stop();
  });
  return {
    url: () => {
      if (!prism) throw new Error("Prism is not running");
      return prism.url;
    },
  };
}

/** A fetch that asks Prism for a documented response: `code=404`, `example=reduced`, … */
export function preferring(prefer: string | ((url: URL) => string | undefined)) {
  return (input: string | Request, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const value = typeof prefer === "string" ? prefer : prefer(new URL(request.url));
    if (value) request.headers.set("prefer", value);
    return fetch(request);
  };
}
