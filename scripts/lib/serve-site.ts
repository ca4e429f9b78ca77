// Serves the built site from 127.0.0.1 as a static host publishes it: a folder's index.html for
// the folder, a file's type from its extension, nothing outside the folder. For the browser test
// and the bench, which open the site as a reader would.
import { existsSync, readFileSync, statSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, sep } from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".css": "text/css",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".woff2": "font/woff2",
  ".json": "application/json",
  ".yaml": "text/yaml",
};

export interface ServedSite {
  url: string;
  close(): Promise<void>;
}

/** Serves `dir` on a free 127.0.0.1 port until `close()`. */
export async function serveSite(dir: string): Promise<ServedSite> {
  const top = normalize(dir + sep);
  const server = createServer((request, response) => {
    let path: string;
    try {
      path = decodeURIComponent(new URL(request.url ?? "/", "http://site").pathname);
    } catch {
      return void response.writeHead(400).end();
    }
    let file = normalize(join(top, path));
    if (file.startsWith(top) && existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
    if (!file.startsWith(top) || !existsSync(file)) return void response.writeHead(404).end();
    response.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
    response.end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
