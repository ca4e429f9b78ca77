// Reports built from the report's types, not from a live run: each verdict, a contradiction a
// baseline accepts, and server text written to break whatever format it lands in.
import type { ClaimResult, ConformanceReport, Verdict } from "../../src/conformance/report.js";

/** Server text that tries to end a CDATA section, inject markup or links, break a table row or a line, and carries characters XML cannot hold. */
export const HOSTILE = [
  "]]><injected/>",
  "<script>alert(1)</script>",
  '<img src="https://evil.example/x.png" onerror="alert(1)">',
  "[click](https://evil.example) ![img](https://evil.example/i.png) <https://evil.example>",
  "a | b || c",
  "line\nbreak\r\n# heading",
  "`code` **bold** <!-- comment -->",
  "\u0000\u0007\u001b[2J\u007f\u0085\u202e\u200b\ufeff",
  "lone \ud800 half and \uffff",
  "&amp; &lt; &#x3c;",
].join(" ");

export function claim(overrides: Partial<ClaimResult> & Pick<ClaimResult, "id" | "verdict">): ClaimResult {
  return {
    operationId: "getJob",
    provenance: "inferred",
    title: `the claim ${overrides.id}`,
    expected: "a string",
    evidence: [{ method: "GET", path: "/v3/jobs/5b1f0a1c2d3e4f5061728394", status: 200, bodyStart: '{"id":"5b1f' }],
    ...overrides,
  };
}

export function report(claims: ClaimResult[]): ConformanceReport {
  const summary = { confirmed: 0, contradicted: 0, "not-exercised": 0, inconclusive: 0, accepted: 0 } satisfies Record<
    Verdict,
    number
  > & { accepted: number };
  for (const c of claims) {
    summary[c.verdict] += 1;
    if (c.accepted) summary.accepted += 1;
  }
  return {
    tool: { name: "alteryx-jobs", version: "0.1.0" },
    spec: { title: "Alteryx Server API v3: Jobs", version: "1.0.0" },
    server: { origin: "https://alteryx.example.com" },
    startedAt: "2025-03-01T10:00:00.000Z",
    finishedAt: "2025-03-01T10:00:04.000Z",
    allowWrites: false,
    requests: 12,
    summary,
    claims,
  };
}

/** One claim of each kind, over two operations. */
export const mixed = report([
  claim({ id: "getJob.status.200", verdict: "confirmed", provenance: "documented", observed: "200" }),
  claim({
    id: "getJob.createDate.type",
    verdict: "contradicted",
    expected: "createDate: string (date-time)",
    observed: "createDate missing; created: string",
  }),
  claim({
    id: "getJob.messages.omitted",
    verdict: "contradicted",
    expected: "no messages",
    observed: "messages: []",
    accepted: { reason: "fixed in 2025.2", until: "2025-06-30" },
  }),
  claim({
    id: "cancelJob.queued",
    operationId: "cancelJob",
    verdict: "not-exercised",
    expected: "deleted",
    evidence: [],
  }),
  claim({
    id: "cancelJob.running",
    operationId: "cancelJob",
    verdict: "inconclusive",
    expected: "cancelled",
    observed: "the job finished before it could be cancelled",
  }),
]);

/** A contradiction whose every server-sent field is hostile. */
export const hostile = report([
  claim({
    id: "getJob.status.values",
    title: "status is one of the listed words",
    verdict: "contradicted",
    expected: "one of Completed, Running",
    observed: HOSTILE,
    evidence: [{ method: "GET", path: `/v3/jobs/x?q=${HOSTILE}`, status: 200, bodyStart: HOSTILE }],
  }),
  claim({ id: "getJob.inconclusive", verdict: "inconclusive", observed: HOSTILE }),
]);
