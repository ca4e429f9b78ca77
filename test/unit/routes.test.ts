// The one rule for which operation a request is, shared by alteryx-jobs/raw and the sandbox.
import { describe, expect, it } from "vitest";
import { createRouter } from "../../src/core/routes.js";

const operationOf = createRouter({
  getJob: { method: "GET", path: "/v3/jobs/{jobId}" },
  searchJobs: { method: "GET", path: "/v3/jobs/search" },
  cancelJob: { method: "DELETE", path: "/v3/jobs/{jobId}" },
  getJobMessages: { method: "GET", path: "/v3/jobs/{jobId}/messages" },
});

describe("createRouter", () => {
  it("finds the operation by method and template, with the path's parameters", () => {
    expect(operationOf("get", "/v3/jobs/abc")).toEqual({ operationId: "getJob", params: { jobId: "abc" } });
    expect(operationOf("DELETE", "/v3/jobs/abc")?.operationId).toBe("cancelJob");
    expect(operationOf("GET", "/v3/jobs/abc/messages")?.operationId).toBe("getJobMessages");
  });

  it("matches a concrete path before a template, whatever the order of the table", () => {
    expect(operationOf("GET", "/v3/jobs/search")?.operationId).toBe("searchJobs");
  });

  it("finds nothing for another method, a longer path or an empty parameter", () => {
    expect(operationOf("POST", "/v3/jobs/abc")).toBeUndefined();
    expect(operationOf("GET", "/v3/jobs/abc/messages/1")).toBeUndefined();
    expect(operationOf("GET", "/v3/jobs/")).toBeUndefined();
  });
});
