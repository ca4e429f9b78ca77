// Starts a Prism for one test file and stops it afterwards, whatever the tests did.
import { type PrismOptions, startPrism } from "../../src/mock.js";
import { perFile } from "./per-file.js";

/** `options` may be a function, read when the file's tests start (after earlier beforeAll hooks). */
export function usePrism(options: PrismOptions | (() => PrismOptions) = {}): { url: () => string } {
  const prism = perFile(
    () => startPrism(typeof options === "function" ? options() : options),
    (running) => running.stop(),
  );
  return { url: () => prism().url };
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
