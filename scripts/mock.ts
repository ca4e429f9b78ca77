// `npm run mock [-- --port N] [-- --dynamic [--seed N]]`: serves the Prism mock of the spec for
// your own tests, prints its URL, and stops on Ctrl-C.
import { startPrism } from "./lib/prism.js";

const args = process.argv.slice(2);
const portIndex = args.indexOf("--port");
const port = portIndex >= 0 ? Number(args[portIndex + 1]) : 4010;
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port takes a port number, not ${args[portIndex + 1]}`);
  process.exit(2);
}
const seedIndex = args.indexOf("--seed");
const seed = seedIndex >= 0 ? Number(args[seedIndex + 1]) : undefined;
const prism = await startPrism({ port, dynamic: args.includes("--dynamic") || seed !== undefined, seed });
console.log(`Mock of the Alteryx v3 jobs API listening on ${prism.url}`);
console.log(`Use it as the client's baseUrl; any Bearer token is accepted. Ctrl-C stops it.`);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => void prism.stop().then(() => process.exit(0)));
}
