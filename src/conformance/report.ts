// The conformance report: what a run of the claims against one server found. Every report format
// (JSON, JUnit, Markdown, HTML, Overlay) is written from this one shape.

/** How sure the spec is of a fact: the values of its `x-provenance`, surest first. */
export const PROVENANCES = ["documented", "swagger", "seen", "inferred"] as const;
export type Provenance = (typeof PROVENANCES)[number];

/** What a run can find for one claim. */
export const VERDICTS = ["confirmed", "contradicted", "not-exercised", "inconclusive"] as const;
export type Verdict = (typeof VERDICTS)[number];

/** One request behind a verdict, masked: never a header, never a whole body. */
export interface Evidence {
  method: string;
  /** The path and query sent, relative to the base URL. */
  path: string;
  /** The status answered; absent when no answer came. */
  status?: number;
  /** The start of the body, masked. */
  bodyStart?: string;
}

/** A change to the spec that would make a contradicted claim match what was seen (an Overlay 1.0 action). */
export interface Proposal {
  /** A JSONPath into the spec. */
  target: string;
  /** Merged into the target, as an Overlay `update`. */
  update?: unknown;
  /** Removes the target, as an Overlay `remove`. */
  remove?: true;
  description: string;
}

export interface ClaimResult {
  /** Stable across runs and releases: baselines name it. */
  id: string;
  /** The spec's operationId; `requestToken` for the token endpoint. */
  operationId: string;
  provenance: Provenance;
  /** One line a person reads: what the spec says. */
  title: string;
  verdict: Verdict;
  expected: string;
  observed?: string;
  evidence: Evidence[];
  /** Set when a baseline accepts this contradiction until its date. */
  accepted?: { reason: string; until: string };
  /** For a contradicted claim whose provenance is not `documented`. */
  proposal?: Proposal;
}

export interface ConformanceReport {
  tool: { name: string; version: string };
  spec: { title: string; version: string };
  /** The origin checked (never credentials). */
  server: { origin: string };
  startedAt: string;
  finishedAt: string;
  allowWrites: boolean;
  /** Requests sent, the token requests included. */
  requests: number;
  summary: Record<Verdict, number> & { accepted: number };
  claims: ClaimResult[];
}
