// The docs site's pages that the README does not hold, each written from its one source: the
// errors page from the library's error classes and the command's exit-code table, the API
// changelog from CHANGELOG.md (written by `npm run spec:changelog`).
import { readFileSync } from "node:fs";
import { exitCodeFor, exitCodesMarkdown } from "../../src/cli/exit-codes.js";
import * as library from "../../src/index.js";
import { libraryReferenceHref } from "./library-index.js";
import { root } from "./script.js";
import { outsideLink } from "./site-text.js";

type ErrorClass = abstract new (...args: never[]) => Error;

/** The library's exported error classes, each with the class it extends, roots first. */
function errorClasses(): { name: string; parent: string }[] {
  const classes = (Object.entries(library) as [string, unknown][]).filter(
    (entry): entry is [string, ErrorClass] =>
      typeof entry[1] === "function" && entry[1].prototype instanceof Error && entry[0].endsWith("Error"),
  );
  const depth = (c: ErrorClass): number => {
    const parent = Object.getPrototypeOf(c) as ErrorClass;
    return parent === Error || !parent.prototype ? 0 : 1 + depth(parent);
  };
  return classes
    .sort(([a, ca], [b, cb]) => depth(ca) - depth(cb) || a.localeCompare(b))
    .map(([name, c]) => ({ name, parent: (Object.getPrototypeOf(c) as ErrorClass).name }));
}

/** The exit code the command ends with for an error of this class, from the command's own mapping. */
function exitCodeOf(name: string): number {
  const c = (library as unknown as Record<string, ErrorClass>)[name] as ErrorClass;
  return exitCodeFor(Object.create(c.prototype));
}

/** /guide/errors: what fails how, in the library and in the command. */
export function errorsPage(): string {
  const rows = errorClasses().map(({ name, parent }) => {
    const page = libraryReferenceHref("alteryx-jobs", { name, kind: "class" });
    return `| ${outsideLink(`\`${name}\``, page)} | \`${parent}\` | ${exitCodeOf(name)} |`;
  });
  return [
    "# Errors and exit codes",
    "",
    "Every failure of the library is an `AlteryxError`; a failed response is an `AlteryxApiError`",
    "with the `status` and the server's `serverMessage`. The command turns each class into an exit",
    "code (the table below says what each means). Each class's page in the library reference says when it is thrown and what it holds.",
    "",
    "## Error classes",
    "",
    "| class | extends | exit code of the command |",
    "|---|---|---|",
    ...rows,
    "",
    "## Exit codes",
    "",
    exitCodesMarkdown(),
    "",
  ].join("\n");
}

/** /changelog: the API's changes, release by release. */
export function changelogPage(): string {
  const changelog = readFileSync(new URL("CHANGELOG.md", `file://${root}`), "utf8");
  const [title = "# API changelog", ...rest] = changelog.split("\n");
  return [
    title,
    "",
    "The spec's changes, breaking ones first, as `npm run spec:changelog` writes them into",
    "CHANGELOG.md for each release.",
    ...rest,
  ].join("\n");
}
