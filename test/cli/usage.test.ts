// The command's own messages for a command line it cannot run: each reads as the command's words
// in two lines (what is wrong, where help is), never Node's parser's, never escaped as a hostile
// server's text would be, with the option or command that was most likely meant.
import { createServer, type Server } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { runInProcess } from "../helpers/cli.js";
import { JOB_ID, WORKFLOW_ID } from "../helpers/ids.js";
import { useCommand } from "./api.js";

const { api, env } = useCommand();
const cli = (...args: string[]) => runInProcess(args, env());
const help = (command?: string) => `Run alteryx-jobs ${command ? `${command} ` : ""}--help for usage.\n`;

describe("usage errors", () => {
  it.each([
    [
      "a negative limit, read as the option's value",
      ["list", WORKFLOW_ID, "--limit", "-1"],
      'alteryx-jobs: --limit takes a whole number of at least 1, not "-1"',
      "list",
    ],
    [
      "an option one letter short",
      ["get", JOB_ID, "--no-message"],
      "alteryx-jobs: unknown option --no-message: did you mean --no-messages?",
      "get",
    ],
    [
      "a misspelt option",
      ["wait", JOB_ID, "--timout", "5m"],
      "alteryx-jobs: unknown option --timout: did you mean --timeout?",
      "wait",
    ],
    [
      "the start of an option",
      ["batch", WORKFLOW_ID, "rows.csv", "--concur", "2"],
      "alteryx-jobs: unknown option --concur: did you mean --concurrency?",
      "batch",
    ],
    ["an option nothing is close to", ["get", JOB_ID, "--colour"], "alteryx-jobs: unknown option --colour", "get"],
    ["an unknown short option", ["get", JOB_ID, "-z"], "alteryx-jobs: unknown option -z", "get"],
    [
      "a misspelt command",
      ["lsit", WORKFLOW_ID],
      'alteryx-jobs: unknown command "lsit": did you mean list?',
      undefined,
    ],
    ["a command nothing is close to", ["frobnicate"], 'alteryx-jobs: unknown command "frobnicate"', undefined],
    [
      "an option of another command",
      ["get", JOB_ID, "--all-users"],
      "alteryx-jobs: get does not take --all-users",
      "get",
    ],
    [
      "a misspelt option that another command takes",
      ["list", WORKFLOW_ID, "--result-codes", "Error"],
      "alteryx-jobs: unknown option --result-codes: did you mean --result-code?",
      "list",
    ],
    ["a value missing at the end", ["list", WORKFLOW_ID, "--limit"], "alteryx-jobs: --limit needs a value: N", "list"],
    [
      "a value missing before the next option",
      ["get", JOB_ID, "--request-timeout", "--verbose"],
      "alteryx-jobs: --request-timeout needs a value: DURATION, not another option",
      "get",
    ],
    [
      "a value given to a flag",
      ["run", WORKFLOW_ID, "--wait=yes"],
      'alteryx-jobs: --wait takes no value, not "yes"',
      "run",
    ],
    [
      "a control character in a value, escaped inside its quotes",
      ["list", WORKFLOW_ID, "--limit", "\x1b]0;owned\x07"],
      'alteryx-jobs: --limit takes a whole number of at least 1, not "\\x1b]0;owned\\x07"',
      "list",
    ],
  ])("%s", async (_, args, message, command) => {
    const { code, stdout, stderr } = await cli(...args);
    expect(stderr).toBe(`${message}\n${help(command)}`);
    expect(stdout).toBe("");
    expect(code).toBe(2);
    expect(api.sent()).toHaveLength(0);
  });

  it("are two lines of the command's words, whatever Node's parser would have said", async () => {
    const lines = [
      ["list", WORKFLOW_ID, "--limit", "-1"],
      ["get", JOB_ID, "--token"],
      ["get", JOB_ID, "--json=1"],
      ["get", JOB_ID, "---x"],
      ["get", JOB_ID, "-qz"],
      ["run", WORKFLOW_ID, "--question"],
    ];
    for (const args of lines) {
      const { code, stderr } = await cli(...args);
      expect(code, args.join(" ")).toBe(2);
      expect(stderr.trimEnd().split("\n"), args.join(" ")).toHaveLength(2);
      expect(stderr, args.join(" ")).not.toMatch(/\\x0a|ambiguous|positional|ERR_PARSE_ARGS/);
    }
  });

  it("keep the line breaks of the command's own text, while the server's text is escaped whole", async () => {
    // A refusal quoting the server: its line break is the server's, shown as \x0a.
    api.answer((_, response) => {
      response.writeHead(400, { "content-type": "application/json" });
      response.end(JSON.stringify({ message: "bad\nalteryx-jobs: all is well" }));
    });
    const { code, stderr } = await cli("cancel", JOB_ID);
    expect(code).toBe(5);
    expect(stderr).toContain("bad\\x0aalteryx-jobs: all is well");
    expect(stderr.trimEnd().split("\n")).toHaveLength(1);
  });
});

describe("a port in use", () => {
  let held: Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (held ? held.close(() => resolve()) : resolve())));
  const hold = () =>
    new Promise<number>((resolve) => {
      held = createServer().listen(0, "127.0.0.1", () => {
        const address = held?.address();
        resolve(typeof address === "object" && address ? address.port : 0);
      });
    });

  it.each(["mock", "sandbox"])("%s says the port is in use, in one line, and exits 2", async (command) => {
    const port = await hold();
    const { code, stdout, stderr } = await runInProcess([command, "--port", String(port)], env());
    expect(stderr).toBe(
      `alteryx-jobs: port ${port} is in use: choose another with --port, or --port 0 for a free one\n${help(command)}`,
    );
    expect(stdout).toBe("");
    expect(code).toBe(2);
  });
});
