import { DEFAULT_WAIT_POLICY } from "../index.js";
import { EXIT_CODES_HELP } from "./exit-codes.js";
import { formatDuration as s } from "./values.js";

const { intervalMs, maxIntervalMs, timeoutMs } = DEFAULT_WAIT_POLICY;

export const HELP = `alteryx-jobs: look at, cancel, run and wait for jobs on an Alteryx Server (API v3)

Usage:
  alteryx-jobs get <jobId> [--no-messages]
  alteryx-jobs messages <jobId>                       (Curators)
  alteryx-jobs cancel <jobId>
  alteryx-jobs list <workflowId> [--status S] [--result-code R] [--limit N]
  alteryx-jobs jobs [--status S] [--all-users] [--limit N]   (Curators)
  alteryx-jobs run <workflowId> [--question name=value]... [--priority P] [--worker-tag T]
                   [--wait [--timeout 1h] [--interval 2s]]
  alteryx-jobs wait <jobId> [--timeout 1h] [--interval 2s]
  alteryx-jobs mock [--port 4010] [--seed N]          serve the mock of the bundled spec

Options:
  --base-url URL        the server's API root, https://host/webapi   [ALTERYX_BASE_URL]
  --token T             a bearer token                              [ALTERYX_TOKEN]
  --client-id ID        API access key (with --client-secret)       [ALTERYX_CLIENT_ID]
  --client-secret S     API access secret                           [ALTERYX_CLIENT_SECRET]
  --json                print the API's JSON on stdout, and nothing else there
  --verbose             log each request to stderr (never a header or secret)
  --help, -h            this text
  --version, -v         the version

A list stops after --limit jobs (default: all). wait polls from --interval (default ${s(intervalMs)}), growing
to ${s(maxIntervalMs)}, and gives up after --timeout (default ${s(timeoutMs)}) without cancelling the job. Progress is shown
on a terminal; Ctrl-C stops waiting and leaves the job running.

${EXIT_CODES_HELP}
`;
