// alteryx-jobs wait <jobId>
import type { Handler } from "../context.js";
import { waitFor } from "../follow.js";

const wait: Handler = (context) => waitFor(context.args[0] ?? "", context);
export default wait;
