// Preloaded into a `kpa` process by test/cli/bad-inputs.test.ts (node -r): at exit, writes the process's peak
// resident memory in bytes to the file KPA_RSS_FILE names, so the test can bound it without /usr/bin/time.
// VmHWM (Linux) is this program's own high-water mark: getrusage's maxRSS keeps the parent's from before exec,
// so a child of a big test process would report the parent's memory.
const fs = require("fs");
const file = process.env.KPA_RSS_FILE;

function peakBytes() {
  try {
    const m = /^VmHWM:\s+(\d+) kB$/m.exec(fs.readFileSync("/proc/self/status", "utf8"));
    if (m) return Number(m[1]) * 1024;
  } catch {
    // Not Linux: the rusage figure, an upper bound.
  }
  return process.resourceUsage().maxRSS * 1024;
}

if (file) process.on("exit", () => fs.writeFileSync(file, String(peakBytes())));
