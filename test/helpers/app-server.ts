// The app state of app-state.ts served over HTTP on 127.0.0.1, one server a test file.
import { type AppServer, appServer, json, type Schedule } from "./app-state.js";
import { startServer } from "./http-server.js";
import { perFile } from "./per-file.js";

export { type AppServer, type Schedule, type TestClock, testClock } from "./app-state.js";

/**
 * One HTTP server on 127.0.0.1 for the test file, closed after it; `serve` gives it a new state.
 * Returns the base URL to give the client.
 */
export function useAppServer() {
  let current: AppServer | undefined;
  const server = perFile(
    () =>
      startServer(async (request, response, body) => {
        const url = `http://127.0.0.1${request.url}`;
        const method = request.method ?? "GET";
        const answered = current
          ? await current.handle(url, { method, body: method === "GET" ? undefined : body })
          : json({ message: "no state" }, 500);
        response.writeHead(answered.status, { "content-type": "application/json" });
        response.end(await answered.text());
      }),
    (running) => running.close(),
  );
  return {
    serve(clock: { now(): number }, schedule: Schedule): AppServer {
      current = appServer(clock, schedule);
      return current;
    },
    baseUrl: () => `${server().url}/webapi`,
  };
}
