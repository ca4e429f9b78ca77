// alteryx-jobs conform: the conformance engine against the server the options name. Progress and
// each write (listed before it is sent) go to stderr, a table of verdicts to stdout, and the report
// to the files asked for. Exit 8 when the server contradicts a claim.
import { writeFileSync } from "node:fs";
import { applyBaseline, readBaseline } from "../../conformance/baseline.js";
import { writeReports } from "../../conformance/files.js";
import type { ClaimResult, ConformanceReport } from "../../conformance/index.js";
import { listClaims, runConformance } from "../../conformance/index.js";
import { runAnswers } from "../answers.js";
import type { Handler } from "../context.js";
import { authFrom, userAuthFrom } from "../credentials.js";
import { EXIT } from "../exit-codes.js";
import { table } from "../format.js";
import { printJson } from "../json.js";

/** The order the table lists verdicts in: what needs looking at first. */
const ORDER: ClaimResult["verdict"][] = ["contradicted", "inconclusive", "not-exercised", "confirmed"];
const OBSERVED_WIDTH = 70;

const conform: Handler = async ({ values, signal, print, note, progress, redact, fetch, logger, onStop }) => {
  // Read before any request: a file that cannot be read is a usage error, with nothing sent.
  const answers = runAnswers(values.answers, []);
  const baseline =
    values.baseline === undefined
      ? undefined
      : readBaseline(
          values.baseline,
          listClaims().map((claim) => claim.id),
        );
  onStop(() => "Stopped; no report was written. Any job already queued goes on.");
  const run = await runConformance({
    baseUrl: values["base-url"] ?? "",
    auth: authFrom(values),
    userAuth: userAuthFrom(values),
    workflowId: values.workflow,
    jobId: values.job,
    allowWrites: values["allow-writes"] === true,
    ...(answers ? { answers } : {}),
    timeoutMs: values["run-timeout"],
    requestTimeoutMs: values["request-timeout"],
    fetch,
    logger,
    signal,
    onProgress(event) {
      if (event.kind === "write") note(`Sending ${event.text}`);
      else if (event.kind === "step") note(event.text);
      else progress(`${event.requests} requests  ${event.text}`);
    },
  });
  let report = run;
  if (baseline) {
    // The run's own end decides which acceptances still hold, so every report of it agrees.
    const applied = applyBaseline(run, baseline, { now: () => Date.parse(run.finishedAt) });
    report = applied.report;
    for (const entry of applied.expired)
      note(`The baseline accepted ${entry.claim} until ${entry.until}; that day has passed: it fails again.`);
    for (const entry of applied.unused) note(`The baseline accepts ${entry.claim}, which was not contradicted.`);
  }
  if (values["report-json"] !== undefined) {
    writeFileSync(values["report-json"], `${printJson(report, redact)}\n`);
  }
  await writeReports(
    report,
    { junit: values.junit, markdown: values.markdown, html: values.html, overlay: values.overlay },
    redact,
  );
  print(report, () => verdictTable(report));
  const contradicted = report.claims.filter((claim) => claim.verdict === "contradicted" && !claim.accepted);
  return contradicted.length > 0 ? EXIT.contradicted : EXIT.ok;
};
export default conform;

function verdictTable(report: ConformanceReport): string {
  const rows = [...report.claims]
    .filter((claim) => claim.verdict !== "confirmed")
    .sort((a, b) => ORDER.indexOf(a.verdict) - ORDER.indexOf(b.verdict))
    .map((claim) => [
      claim.accepted ? `${claim.verdict} (accepted)` : claim.verdict,
      claim.id,
      claim.provenance,
      cut(claim.observed ?? ""),
    ]);
  const { summary } = report;
  const counts = ORDER.map((verdict) => `${summary[verdict]} ${verdict}`).join(", ");
  return [
    rows.length ? table(["VERDICT", "CLAIM", "PROVENANCE", "OBSERVED"], rows) : "Every claim was confirmed.",
    "",
    `${report.claims.length} claims against ${report.server.origin}: ${counts}. ${report.requests} requests${report.allowWrites ? ", writes allowed" : ", read-only"}.`,
  ].join("\n");
}

const cut = (text: string) => (text.length > OBSERVED_WIDTH ? `${text.slice(0, OBSERVED_WIDTH - 1)}…` : text);
