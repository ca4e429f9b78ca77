// The token endpoint's path, and the forms a secret takes when it leaks: for every test that
// checks which requests went to the token endpoint and that no secret shows anywhere.
import { operationRules } from "../../generated/client-values.js";

/** The token endpoint's path below the API root, as the spec names it. */
export const TOKEN_PATH = operationRules.requestToken.path;

/** Whether `url` (a path with or without a query, or a URL) is the token endpoint's. */
export const isTokenPath = (url: string | URL | undefined): boolean =>
  url !== undefined && new URL(url, "http://any").pathname.endsWith(TOKEN_PATH);

/** JSON as .NET's default encoder writes it: HTML-sensitive characters and all non-ASCII as \uXXXX. */
export const dotNetJson = (value: string) =>
  JSON.stringify(value)
    .slice(1, -1)
    .replace(/[^\x20-\x7e]|[+&<>']/g, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`);
/** URL-encoded with lower-case hex digits, as some servers write it: %2f. */
export const lowerPercent = (value: string) =>
  encodeURIComponent(value).replace(/%[\dA-F]{2}/g, (code) => code.toLowerCase());
/** HTML with every character that is not a letter or digit as a numeric character reference. */
export const htmlReferences = (value: string) =>
  [...value].map((c) => (/[a-z\d]/i.test(c) ? c : `&#${c.codePointAt(0)};`)).join("");
/** Form-encoded (`application/x-www-form-urlencoded`), as a token request's body writes it. */
const formEncoded = (value: string) => new URLSearchParams({ v: value }).toString().slice(2);

/** The value of a Basic Authorization header for `id` and `secret` (RFC 6749 §2.3.1: form-encoded first). */
export const basicValue = (id: string, secret: string) => btoa(`${formEncoded(id)}:${formEncoded(secret)}`);

/**
 * `value` in base64 (both alphabets) as it shows inside a longer encoded value: each of the three
 * alignments, the characters at its edges (which the bytes around it change) left off.
 */
export const base64Inside = (value: string): string[] =>
  [0, 1, 2].flatMap((before) => {
    const encoded = Buffer.from(`${"\0".repeat(before)}${value}`).toString("base64");
    const middle = encoded.slice(before + 1, -4);
    return middle.length < 8 ? [] : [middle, middle.replaceAll("+", "-").replaceAll("/", "_")];
  });

/**
 * Every form in which one of `secrets` would show if it leaked, and the Basic value of each
 * `[id, secret]` pair: written out here, not taken from the client.
 */
export function leakForms(secrets: string[], basic: [string, string][] = []): string[] {
  const forms = secrets.flatMap((value) => [
    value,
    // All but its last character: a secret cut short still shows.
    value.slice(0, -1),
    encodeURIComponent(value),
    lowerPercent(value),
    formEncoded(value),
    JSON.stringify(value).slice(1, -1),
    dotNetJson(value),
    htmlReferences(value),
    ...base64Inside(value),
  ]);
  return [...new Set([...forms, ...basic.map(([id, secret]) => basicValue(id, secret))])];
}

/** The forms of `forms` that `text` shows. */
export const leaksIn = (text: string, forms: string[]) => forms.filter((form) => text.includes(form));
