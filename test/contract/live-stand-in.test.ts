// The live suite's own check: run it through `prism proxy` against a stand-in server that answers
// as the spec's examples say, so the live path works before anyone points it at a real server.
import type { ServerResponse } from "node:http";
import { example, fileExample, headerExample } from "../helpers/examples.js";
import { useServer } from "../helpers/http-server.js";
import { JOB_ID, NO_SUCH_ID, OUTPUT_ID, WORKFLOW_ID } from "../helpers/ids.js";
import { liveSuite } from "./live-suite.js";

function send(response: ServerResponse, status: number, body: unknown) {
  response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}

const standIn = useServer((request, response) => {
  const url = new URL(request.url ?? "/", "http://stand-in");
  if (request.headers.authorization !== "Bearer stand-in-token") {
    return send(response, 401, example("getJob", 401, "unauthorized"));
  }
  const path = url.pathname.replace(/^\/webapi/, "");
  if (path.includes(NO_SUCH_ID)) return send(response, 404, example("getJob", 404, "notFound"));
  if (path === `/v3/workflows/${WORKFLOW_ID}/jobs`) {
    return request.method === "POST"
      ? send(response, 200, example("runWorkflow", 200, "queued"))
      : send(response, 200, example("listWorkflowJobs", 200, "jobs"));
  }
  if (path === `/v3/jobs/${JOB_ID}` && request.method === "DELETE") {
    return send(response, 200, example("cancelJob", 200, "deleted"));
  }
  if (path === `/v3/jobs/${JOB_ID}`) {
    const reduced = url.searchParams.get("includeMessages") === "false";
    return send(response, 200, example("getJob", 200, reduced ? "reduced" : "completed"));
  }
  if (path === `/v3/jobs/${JOB_ID}/messages`) return send(response, 200, example("getJobMessages", 200, "messages"));
  if (path === "/v3/jobs") return send(response, 200, example("listJobs", 200, "page"));
  if (path === `/v1/jobs/${JOB_ID}/output/${OUTPUT_ID}`) {
    // Servers name the format (text/csv) as often as application/octet-stream: the spec must let it through.
    const disposition = headerExample("getJobOutput", 200, "Content-Disposition");
    response.writeHead(200, { "content-type": "text/csv; charset=utf-8", "content-disposition": disposition });
    response.end(fileExample("getJobOutput", 200, "application/octet-stream", "csv"));
    return;
  }
  send(response, 404, example("getJob", 404, "notFound"));
});

liveSuite("live contract machinery, against a stand-in server", () => ({
  baseUrl: `${standIn.url()}/webapi`,
  auth: { token: "stand-in-token" },
  workflowId: WORKFLOW_ID,
  curator: true,
  cancelJobId: JOB_ID,
  runWorkflowId: WORKFLOW_ID,
}));
