// The contract against a real server, configured by ALTERYX_LIVE_* variables (see the README).
import { describe, it } from "vitest";
import { liveConfigFromEnv, liveSuite } from "./live-suite.js";

const config = liveConfigFromEnv();

if (typeof config === "string") {
  describe("live contract", () => {
    it("runs against a real server when configured", (context) => context.skip(`skipped: ${config}`));
  });
} else {
  liveSuite(`live contract against ${config.baseUrl}`, () => config);
}
