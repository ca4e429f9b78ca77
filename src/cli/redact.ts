// The one place the command masks secrets: every line it prints, on stdout or stderr, passes
// through `redact`. It knows the token and client secret it was given, and every credential the
// client sent in an Authorization header (a token from client credentials, the Basic value), each
// with the forms it may be echoed in. Swapping in the library's own redactor means changing this file.

const MASK = "[redacted]";
/** Shorter values are not masked: they would mask ordinary words. */
const SHORTEST_SECRET = 4;

export interface Redactor {
  /** Masks `secret` (and its encoded forms) in everything redacted from now on. */
  add(secret: string | undefined): void;
  /** Remembers the credential of an Authorization header value (`Bearer …`, `Basic …`). */
  addAuthorization(header: string): void;
  redact(text: string): string;
}

export function createRedactor(): Redactor {
  const forms = new Set<string>();
  const add = (secret: string | undefined) => {
    if (secret === undefined || secret.length < SHORTEST_SECRET) return;
    for (const form of encodings(secret)) if (form.length >= SHORTEST_SECRET) forms.add(form);
  };
  return {
    add,
    addAuthorization(header) {
      const [scheme = "", credential] = header.trim().split(/\s+/, 2);
      if (credential === undefined) return add(scheme);
      add(credential);
      if (scheme.toLowerCase() === "basic") {
        const decoded = Buffer.from(credential, "base64").toString("utf8");
        add(decoded.slice(decoded.indexOf(":") + 1));
      }
    },
    redact(text) {
      let out = text;
      // Longest first, so that a form containing another is masked whole.
      for (const form of [...forms].sort((a, b) => b.length - a.length)) out = out.replaceAll(form, MASK);
      return out;
    },
  };
}

/** The ways a value may come back: as is, URL- or form-encoded, inside JSON, base64-encoded. */
function encodings(secret: string): string[] {
  return [
    secret,
    encodeURIComponent(secret),
    new URLSearchParams({ s: secret }).toString().slice(2),
    JSON.stringify(secret).slice(1, -1),
    Buffer.from(secret).toString("base64").replace(/=+$/, ""),
  ];
}
