// alteryx-jobs download <jobId> [--output <outputId>]... [--format F] [--dir D]
import type { Handler } from "../context.js";
import { saveOutputs } from "../follow.js";

const download: Handler = (context) => saveOutputs(context.args[0] ?? "", context.values.dir ?? ".", context);
export default download;
