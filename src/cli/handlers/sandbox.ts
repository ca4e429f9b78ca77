// alteryx-jobs sandbox: the stateful sandbox of the API, served until the command is stopped. It
// prints the fixture's API keys as they are: they open nothing but this sandbox, and a user needs
// them to use it.
import { FixtureError, type ListeningSandbox, serveSandbox } from "../../sandbox/index.js";
import type { Handler } from "../context.js";
import { EXIT, listenError, UsageError } from "../exit-codes.js";
import { escapeText, table } from "../format.js";
import { DEFAULT_PORT } from "../options.js";

const sandbox: Handler = async ({ values, signal, print }) => {
  const port = values.port ?? DEFAULT_PORT;
  try {
    await serveSandbox(
      {
        port,
        speed: values.speed,
        fixturePath: values.fixture,
        onListening: (info) => print(info, () => instructions(info)),
      },
      signal,
    );
  } catch (error) {
    // Both are found before the sandbox listens: nothing was served.
    if (error instanceof FixtureError) throw new UsageError(error.message);
    throw listenError(error, port);
  }
  return EXIT.ok;
};
export default sandbox;

function instructions({ url, speed, users, workflows }: ListeningSandbox): string {
  // An ordinary user's key for the example: what most automation runs as.
  const user = users.find((u) => !u.curator) ?? users[0];
  const time = speed === 1 ? "in real time" : `at ${speed} times real time`;
  return [
    `Sandbox of the Alteryx v3 jobs API listening on ${url}; its clock runs ${time}.`,
    "",
    table(
      ["USER", "ROLE", "CLIENT ID", "CLIENT SECRET"],
      users.map((u) => [u.name, u.curator ? "Curator" : "user", u.clientId, u.clientSecret]),
    ),
    "",
    table(
      ["WORKFLOW", "NAME"],
      workflows.map((w) => [w.id, w.name]),
    ),
    "",
    "Use it from another shell:",
    `  export ALTERYX_BASE_URL=${url} ALTERYX_CLIENT_ID=${shellWord(user?.clientId ?? "")} ALTERYX_CLIENT_SECRET=${shellWord(user?.clientSecret ?? "")}`,
    ...(workflows[0] ? [`  alteryx-jobs run ${workflows[0].id} --wait`] : []),
    "Ctrl-C stops it.",
  ].join("\n");
}

/** A word the shell reads back as `text`: quoted unless it is plain. */
function shellWord(text: string): string {
  const escaped = escapeText(text);
  return /^[\w.@%+=:,/-]+$/.test(escaped) ? escaped : `'${escaped.replaceAll("'", `'\\''`)}'`;
}
