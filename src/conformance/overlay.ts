// The spec changes a run proposes, as an OpenAPI Overlay 1.0 document: one action per
// contradicted claim whose provenance is not `documented` (a documented fact that a server
// contradicts is the server's problem, not the spec's). The overlay is applied to the spec with
// openapi-format's Overlay implementation, and the breaking-change gate compares the spec before
// and after, so the document says whether applying it would break clients.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openapiOverlay } from "openapi-format";
import { parse, stringify } from "yaml";
import { diffSpecs, gate, major } from "../spec-diff.js";
import type { ConformanceReport } from "./report.js";

/** One Overlay action: where, what, and the claim that asks for it. (A type, not an interface, so that it fits openapi-format's index signature.) */
export type OverlayAction = {
  target: string;
  description: string;
  update?: unknown;
  remove?: true;
  /** The id of the contradicted claim the action would make match. */
  "x-claim": string;
};

/** What the breaking-change gate says of applying the overlay to the spec. */
export interface OverlayVerdict {
  /**
   * `compatible`: applying it breaks no client. `breaking`: it breaks clients, and the spec would
   * need a new major version. `not-checked`: the gate could not run (`reason` says why).
   */
  verdict: "compatible" | "breaking" | "not-checked";
  /** One sentence a person reads. */
  summary: string;
  /** The changes the gate found (empty when it did not run). */
  changes: { path: string; kind: string; breaking: boolean; message: string }[];
  /** The ids of the claims whose action matched nothing in the spec. */
  unapplied: string[];
  reason?: string;
}

/** An OpenAPI Overlay 1.0 document, with the gate's verdict on applying it. */
export interface ProposedOverlay {
  overlay: "1.0.0";
  info: { title: string; version: string };
  actions: OverlayAction[];
  "x-breaking-change-gate"?: OverlayVerdict;
}

/** The overlay a report proposes: an action per contradicted, non-documented claim that carries a proposal (the baseline does not change what the spec should say). */
export function proposeOverlay(report: ConformanceReport): ProposedOverlay {
  const actions = report.claims.flatMap((claim): OverlayAction[] => {
    const proposal = claim.proposal;
    if (claim.verdict !== "contradicted" || claim.provenance === "documented" || !proposal) return [];
    return [
      {
        target: proposal.target,
        description: `${proposal.description} (${claim.id}; observed: ${claim.observed ?? "see the report"})`,
        ...(proposal.remove ? { remove: true as const } : { update: proposal.update }),
        "x-claim": claim.id,
      },
    ];
  });
  return {
    overlay: "1.0.0",
    info: {
      title: `${report.spec.title} ${report.spec.version} as ${report.server.origin} answered`,
      version: report.startedAt.slice(0, 10),
    },
    actions,
  };
}

/** The spec with the overlay applied (a copy; `spec` is not changed), and the actions that matched nothing. */
export async function applyOverlay(
  spec: Record<string, unknown>,
  overlay: ProposedOverlay,
): Promise<{ spec: Record<string, unknown>; unapplied: OverlayAction[] }> {
  const { data, resultData } = await openapiOverlay(structuredClone(spec), {
    overlaySet: { overlay: overlay.overlay, info: overlay.info, actions: overlay.actions },
  });
  return { spec: data as Record<string, unknown>, unapplied: resultData.unusedActions as OverlayAction[] };
}

/**
 * The overlay a report proposes, applied to the spec in `specFile` and judged by the
 * breaking-change gate (which needs @redocly/cli: without it, the verdict is `not-checked`).
 * @throws Error when `specFile` cannot be read or is not YAML.
 */
export async function overlayWithVerdict(report: ConformanceReport, specFile: string): Promise<ProposedOverlay> {
  const overlay = proposeOverlay(report);
  const before = parse(readFileSync(specFile, "utf8")) as Record<string, unknown>;
  const { spec: after, unapplied } = await applyOverlay(before, overlay);
  const unappliedIds = unapplied.map((action) => action["x-claim"]);
  if (overlay.actions.length === 0) {
    const summary = "No change proposed: no contradicted claim is one the spec infers or has seen.";
    return { ...overlay, "x-breaking-change-gate": { verdict: "compatible", summary, changes: [], unapplied: [] } };
  }
  let verdict: OverlayVerdict;
  // Every run writes the spec it revised to a folder of its own, removed whatever happens.
  const dir = mkdtempSync(join(tmpdir(), "overlay-"));
  try {
    const revised = join(dir, "openapi.yaml");
    writeFileSync(revised, stringify(after));
    const diff = diffSpecs("the spec", "the spec with the overlay", specFile, revised);
    const { breaking } = gate(diff);
    const count = (n: number, what: string) => `${n} ${what}${n === 1 ? "" : "s"}`;
    verdict = {
      verdict: breaking.length > 0 ? "breaking" : "compatible",
      summary:
        breaking.length > 0
          ? `Applying it breaks clients (${count(breaking.length, "breaking change")}): the gate passes it only as a new major version, ${major(diff.base.version) + 1}.0.0.`
          : `Applying it breaks no client (${count(diff.changes.length, "change")}): the gate passes it.`,
      changes: diff.changes.map(({ path, kind, breaking, message }) => ({ path, kind, breaking, message })),
      unapplied: unappliedIds,
    };
  } catch (error) {
    verdict = {
      verdict: "not-checked",
      summary: "The breaking-change gate did not run.",
      changes: [],
      unapplied: unappliedIds,
      reason: (error as Error).message.split("\n")[0] ?? "",
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { ...overlay, "x-breaking-change-gate": verdict };
}

/** The overlay as the YAML text of an `--overlay` file. */
export function overlayText(overlay: ProposedOverlay): string {
  return stringify(overlay, { lineWidth: 0 });
}
