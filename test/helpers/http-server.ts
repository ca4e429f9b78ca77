// A node:http server on 127.0.0.1 for tests, closed (with its connections) after the file.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { perFile } from "./per-file.js";

export type Route = (request: IncomingMessage, response: ServerResponse, body: string) => void | Promise<void>;

export async function startServer(route: Route): Promise<{ url: string; server: Server; close(): Promise<void> }> {
  const server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => {
      body += chunk.toString();
    });
    request.on("end", () => void route(request, response, body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function useServer(route: Route): { url: () => string } {
  const server = perFile(
    () => startServer(route),
    (running) => running.close(),
  );
  return { url: () => server().url };
}
