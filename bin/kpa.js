#!/usr/bin/env node
// Installed as `kpa`; the TypeScript sources are compiled to build/ by `npm ci` / `npm install` (prepare).
require("../build/cli/main.js").runCli();
