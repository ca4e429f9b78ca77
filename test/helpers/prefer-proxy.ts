// Sits between the command and Prism: adds the Prefer header a test asks for (the command has no
// such option), records what was sent, and can answer a status itself.
import { useServer } from "./http-server.js";

export interface Recorded {
  method: string;
  url: URL;
  body: string;
}

/** `answered` is called once each forwarded answer has been read, before it is passed on. */
export function usePreferProxy(target: () => string, answered?: (sent: Recorded) => void) {
  const state: { prefer?: string | undefined; status?: number | undefined; sent: Recorded[] } = { sent: [] };
  const server = useServer(async (request, response, body) => {
    const url = new URL(request.url ?? "/", target());
    const sent = { method: request.method ?? "GET", url, body };
    state.sent.push(sent);
    if (state.status) {
      response.writeHead(state.status, { "content-type": "text/html" }).end("<h1>Internal Server Error</h1>");
      return;
    }
    const headers = new Headers();
    for (const [name, value] of Object.entries(request.headers)) {
      if (typeof value === "string" && !["host", "connection", "content-length"].includes(name))
        headers.set(name, value);
    }
    if (state.prefer) headers.set("prefer", state.prefer);
    const answer = await fetch(url, { method: request.method, headers, body: body || undefined });
    const text = await answer.text();
    answered?.(sent);
    response.writeHead(answer.status, { "content-type": answer.headers.get("content-type") ?? "application/json" });
    response.end(text);
  });
  return {
    url: () => server.url(),
    /** Ask for a documented answer (`code=404`, `example=failed`) or a plain status; clears the record. */
    answer(with_: { prefer?: string; status?: number } = {}) {
      state.prefer = with_.prefer;
      state.status = with_.status;
      state.sent = [];
    },
    sent: () => state.sent,
  };
}
