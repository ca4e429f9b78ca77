// alteryx-jobs mock: Prism serving the bundled spec until the command is stopped.
import { startPrism } from "../../mock.js";
import type { Handler } from "../context.js";
import { EXIT, listenError } from "../exit-codes.js";
import { DEFAULT_PORT } from "../options.js";

const mock: Handler = async ({ values, signal, print }) => {
  const { seed, port = DEFAULT_PORT } = values;
  const prism = await startPrism({ port, dynamic: seed !== undefined, seed }).catch((error: unknown) => {
    throw listenError(error, port);
  });
  print({ url: prism.url }, () =>
    [
      `Mock of the Alteryx v3 jobs API listening on ${prism.url}`,
      "Use it as the base URL; any bearer token is accepted. Ctrl-C stops it.",
    ].join("\n"),
  );
  if (!signal.aborted) await new Promise((resolve) => signal.addEventListener("abort", resolve, { once: true }));
  await prism.stop();
  return EXIT.ok;
};
export default mock;
