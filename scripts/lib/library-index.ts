// The site's "Library index" page, from the TypeScript sources: each entry point of the library
// reference (TypeDoc's entryPoints in tsconfig.build.json) with everything it exports, the first
// sentence of each one's TSDoc, and a link to its page in the library reference. A VitePress
// page, so the site's search finds a class, a function or a type by its name. The compiler reads
// the exports (a second or two) rather than TypeDoc (ten), so the page is ready before VitePress
// starts while TypeDoc builds the reference beside it.
import { createRequire } from "node:module";
import { join } from "node:path";
import type * as TypeScript from "typescript";
import { root } from "./script.js";
import { firstSentence, outsideLink, pageText } from "./site-text.js";

// Loaded with require: tsx's import of the compiler's 9 MB CommonJS file takes seconds, require a fraction of one.
const ts = createRequire(import.meta.url)("typescript") as typeof TypeScript;

/** The kinds of export, in the order the page lists them, each with TypeDoc's folder for its pages. */
export const EXPORT_KINDS = [
  { kind: "function", heading: "Functions", folder: "functions" },
  { kind: "class", heading: "Classes", folder: "classes" },
  { kind: "interface", heading: "Interfaces", folder: "interfaces" },
  { kind: "type", heading: "Types", folder: "types" },
  { kind: "enum", heading: "Enums", folder: "enums" },
  { kind: "variable", heading: "Variables", folder: "variables" },
  { kind: "namespace", heading: "Namespaces", folder: "modules" },
] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number]["kind"];

export interface LibraryExport {
  name: string;
  kind: ExportKind;
  /** The first sentence of its TSDoc; empty when it has none. */
  summary: string;
  /**
   * The entry whose reference page documents it, when an earlier entry exports it too: TypeDoc
   * gives it one page, under the first entry that exports it, and a reference from the others.
   */
  home?: string;
}

export interface LibraryEntry {
  /** The import path, as the entry's `@module` tag names it: `alteryx-jobs/raw`. */
  module: string;
  /** The entry's source file, relative to the repository. */
  file: string;
  exports: LibraryExport[];
}

/** The entry points of the library reference, in its order: TypeDoc's options in tsconfig.build.json. */
export function referenceEntryPoints(): string[] {
  const file = join(root, "tsconfig.build.json");
  const { config, error } = ts.readConfigFile(file, ts.sys.readFile);
  if (error) throw new Error(`${file}: ${ts.flattenDiagnosticMessageText(error.messageText, "\n")}`);
  return config.typedocOptions.entryPoints as string[];
}

/**
 * A page of the library reference, by TypeDoc's names: the module's import path with `/` as `_`,
 * then the export's name, in the folder of its kind (`classes/alteryx-jobs.NotFoundError.html`).
 */
export function libraryReferenceHref(module: string, item?: Pick<LibraryExport, "name" | "kind" | "home">): string {
  const slug = (item?.home ?? module).replace(/\//g, "_");
  if (!item) return `/lib/modules/${slug}.html`;
  const folder = EXPORT_KINDS.find((k) => k.kind === item.kind)?.folder;
  return `/lib/${folder}/${slug}.${item.name}.html`;
}

/** Whether a variable is written as a function (`const f = () => …`), which TypeDoc shows as one. */
function writtenAsFunction(declaration: TypeScript.Declaration | undefined): boolean {
  if (!declaration || !ts.isVariableDeclaration(declaration) || declaration.type || !declaration.initializer)
    return false;
  let value: TypeScript.Expression = declaration.initializer;
  while (ts.isAsExpression(value) || ts.isSatisfiesExpression(value)) value = value.expression;
  return ts.isArrowFunction(value) || ts.isFunctionExpression(value);
}

/** @throws Error naming the export when it is of a kind the page does not know. */
function kindOf(symbol: TypeScript.Symbol, entry: string): ExportKind {
  const f = symbol.flags;
  const S = ts.SymbolFlags;
  if (f & S.Class) return "class";
  if (f & S.Function) return "function";
  if (f & S.Interface) return "interface";
  if (f & S.TypeAlias) return "type";
  if (f & S.Enum) return "enum";
  if (f & (S.ValueModule | S.NamespaceModule)) return "namespace";
  if (f & S.Variable) return writtenAsFunction(symbol.valueDeclaration) ? "function" : "variable";
  throw new Error(`${entry} exports ${symbol.name}, of a kind the library index does not know (flags ${f})`);
}

/** A TSDoc comment's text with `{@link X}` and `{@link X | words}` as the words or the name in code. */
function commentText(parts: TypeScript.SymbolDisplayPart[]): string {
  return ts
    .displayPartsToString(parts)
    .replace(/\{@link(?:code|plain)?\s+([^}|\s]+)(?:\s*\|\s*|\s+)?([^}]*)\}/g, (_, target: string, words: string) =>
      words.trim() ? words.trim() : `\`${target}\``,
    );
}

/** The comment of `export * as ns from …`, which is on the export: the module it names has none. */
function exportComment(exported: TypeScript.Symbol): string {
  const declaration = exported.declarations?.[0];
  const node = declaration && ts.isNamespaceExport(declaration) ? declaration.parent : declaration;
  const [doc] = node ? ts.getJSDocCommentsAndTags(node) : [];
  return doc && ts.isJSDoc(doc) ? (ts.getTextOfJSDocComment(doc.comment) ?? "") : "";
}

/** Every entry of the library reference with its exports, read from the sources by the compiler. */
export function libraryEntries(files: readonly string[] = referenceEntryPoints()): LibraryEntry[] {
  const parsed = ts.getParsedCommandLineOfConfigFile(join(root, "tsconfig.build.json"), undefined, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    },
  });
  const program = ts.createProgram({
    rootNames: files.map((f) => join(root, f)),
    // Only the exports and their comments are read: no type is checked, so no lib or @types is loaded.
    options: { ...parsed?.options, noEmit: true, noLib: true, types: [] },
  });
  const checker = program.getTypeChecker();
  const homes = new Map<TypeScript.Symbol, string>();
  return files.map((file) => {
    const source = program.getSourceFile(join(root, file));
    const module = /@module\s+(\S+)/.exec(source?.text ?? "")?.[1];
    const symbol = source && checker.getSymbolAtLocation(source);
    if (!source || !module || !symbol) throw new Error(`${file}: not a module with an @module tag`);
    const exports = checker.getExportsOfModule(symbol).map((exported): LibraryExport => {
      const target = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      const own = commentText(target.getDocumentationComment(checker));
      const summary = firstSentence(own || exportComment(exported));
      const home = homes.get(target);
      if (!home) homes.set(target, module);
      return { name: exported.name, kind: kindOf(target, file), summary, ...(home && { home }) };
    });
    return { module, file, exports };
  });
}

/** /reference/library: each entry and its exports by kind, each leading to its page in the library reference. */
export function libraryIndexPage(entries: readonly LibraryEntry[] = libraryEntries()): string {
  const sections = entries.flatMap((entry) => {
    const slug = entry.module.replace(/\//g, "_");
    const groups = EXPORT_KINDS.flatMap(({ kind, heading }) => {
      const mine = entry.exports.filter((e) => e.kind === kind).sort((a, b) => a.name.localeCompare(b.name));
      if (!mine.length) return [];
      return [
        `### ${heading} {#${slug}-${kind}}`,
        "",
        ...mine.flatMap((e) => [
          `#### ${e.name} {#${slug}.${e.name}}`,
          "",
          `${outsideLink(`\`${e.name}\``, libraryReferenceHref(entry.module, e))}${e.home ? ` (from \`${e.home}\`)` : ""}${e.summary ? `: ${pageText(e.summary)}` : ""}`,
          "",
        ]),
      ];
    });
    return [
      `## ${entry.module} {#${slug}}`,
      "",
      `\`import { … } from "${entry.module}"\` · ${entry.exports.length} exports · ${outsideLink("the module in the library reference", libraryReferenceHref(entry.module))}`,
      "",
      ...groups,
    ];
  });
  return [
    "# Library index",
    "",
    "Every entry point of the package and everything it exports, by kind, with the first sentence of",
    "its documentation. Each name leads to its page in the",
    `${outsideLink("library reference", "/lib/index.html")}: signatures, every member, and the rest of the text.`,
    "",
    ...sections,
  ].join("\n");
}
