// Preloaded into a `kpa` process by test/cli/bad-inputs.test.ts (node -r): at exit, writes the process's peak
// resident memory in bytes to the file KPA_RSS_FILE names, so the test can bound it without /usr/bin/time.
const fs = require("fs");
const file = process.env.KPA_RSS_FILE;
if (file) process.on("exit", () => fs.writeFileSync(file, String(process.resourceUsage().maxRSS * 1024)));
