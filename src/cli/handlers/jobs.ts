// alteryx-jobs jobs
import type { JobsFilters } from "../../index.js";
import type { Handler } from "../context.js";
import { EXIT } from "../exit-codes.js";
import { jobListTable } from "../format.js";
import { pageSize, take } from "../listing.js";

const jobs: Handler = async ({ values, signal, client, print }) => {
  const filters = {
    // The client checks the status against the spec's values before sending anything.
    statuses: values.status === undefined ? undefined : [values.status as NonNullable<JobsFilters["statuses"]>[number]],
    allUsers: values["all-users"] || undefined,
    pageSize: pageSize(values.limit),
  };
  const found = await take(client().listJobs(filters, { signal }), values.limit);
  print(found, () => jobListTable(found));
  return EXIT.ok;
};
export default jobs;
