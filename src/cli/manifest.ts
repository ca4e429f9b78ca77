// The package's own manifest, read once: the command's --version and the Prism it names come
// from package.json, the one home of both figures.
import { createRequire } from "node:module";

const manifest = createRequire(import.meta.url)("alteryx-jobs/package.json") as {
  version: string;
  peerDependencies: Record<string, string>;
};

export const PACKAGE_VERSION = manifest.version;

/** The Prism version `mock` needs (the package's peer dependency). */
export const PRISM_VERSION = manifest.peerDependencies["@stoplight/prism-cli"] as string;
