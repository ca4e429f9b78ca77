// The report as JUnit XML, which CI systems show as test results: one suite per operation, one
// test case per claim. A contradiction that no baseline accepts is a <failure>; a claim the run
// did not exercise, or could not decide, is <skipped>. The XML is built by junit-report-builder
// (never by string concatenation); server text goes in through `reportText`, so no control
// character reaches the document and it is well-formed whatever the server sent.
import junitReportBuilder, { type Builder, type TestCase } from "junit-report-builder";
import type { ClaimResult, ConformanceReport } from "./report.js";
import { byOperation, evidenceLine, isFailure, reportText } from "./text.js";

// Its types declare an ES default export, but Node hands an ES module the CommonJS
// `module.exports`, which is the builder itself.
const junit = junitReportBuilder as unknown as Builder;

// A failure's text and a test's output go into CDATA sections. xmlbuilder 15 splits only the
// first `]]>` of a text (`String.replace` with a string), so a second one would end the section
// and let the server write markup: every `]]>` is shown as `]]\x3e` instead, a visible escape
// like those of `reportText`.
const cdata = (text: string) => text.replaceAll("]]>", "]]\\x3e");

function addClaim(testCase: TestCase, claim: ClaimResult): void {
  testCase
    .className(reportText(claim.operationId))
    .name(reportText(`${claim.id}: ${claim.title}`))
    .property("provenance", claim.provenance)
    .property("verdict", claim.verdict)
    .property("expected", reportText(claim.expected));
  if (claim.observed !== undefined) testCase.property("observed", reportText(claim.observed));
  const evidence = claim.evidence.map(evidenceLine).join("\n");
  if (isFailure(claim)) {
    const observed = claim.observed === undefined ? "" : `; observed ${claim.observed}`;
    testCase.failure(reportText(`expected ${claim.expected}${observed}`), "contradicted");
    if (evidence) testCase.stacktrace(cdata(evidence));
    return;
  }
  if (claim.verdict === "not-exercised" || claim.verdict === "inconclusive") testCase.skipped();
  const notes = [
    claim.accepted &&
      reportText(`Contradicted, accepted by the baseline until ${claim.accepted.until}: ${claim.accepted.reason}`),
    claim.verdict === "inconclusive" && claim.observed !== undefined && reportText(`Inconclusive: ${claim.observed}`),
    evidence,
  ].filter(Boolean);
  if (notes.length > 0) testCase.standardOutput(cdata(notes.join("\n")));
}

/**
 * The report as a JUnit XML document: a `<testsuite>` per operationId, a `<testcase>` per claim
 * (class name: the operationId; name: the claim's id and title; its provenance, verdict,
 * expected and observed values as properties), a `<failure>` for each contradiction no baseline
 * accepts (its evidence as the failure's text), `<skipped/>` for claims not exercised or
 * inconclusive. An accepted contradiction passes, with the baseline's reason in its output.
 */
export function toJUnit(report: ConformanceReport): string {
  const builder = junit.newBuilder();
  builder.name(reportText(`${report.tool.name} conform ${report.server.origin}`));
  for (const [operationId, claims] of byOperation(report.claims)) {
    const suite = builder.testSuite().name(reportText(operationId));
    for (const claim of claims) addClaim(suite.testCase(), claim);
  }
  return builder.build();
}
