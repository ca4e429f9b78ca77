// --format F for the commands that save outputs (download, run --download, batch --download): F
// for each output that offers it, compared ignoring case as the library compares, and its own type
// for each that does not. Those are named, so that a format not applied never passes for one that was.
import type { FormatChoice, SavedOutput } from "../node/index.js";

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** The library's choice for --format: the format where the output offers it, else its own type. */
export function formatWhereOffered(wanted: string | undefined): FormatChoice | undefined {
  if (wanted === undefined) return undefined;
  return (offered) => offered.find((format) => same(format, wanted));
}

/** A line for each saved file that kept its own type, since its output does not offer `wanted`. */
export function keptOwnType(saved: readonly SavedOutput[], wanted: string | undefined): string[] {
  if (wanted === undefined) return [];
  return saved
    .filter((file) => !same(file.format, wanted))
    .map(
      (file) => `Output ${file.outputId} does not offer ${wanted}: ${file.path} is in its own type, ${file.format}.`,
    );
}
