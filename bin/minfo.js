#!/usr/bin/env node
// The `minfo` command. The TypeScript sources are compiled to dist/ by `npm ci` (the `prepare` script).
import { main } from "../dist/cli/main.js";

// A reader that closes the pipe early (`minfo ... | head`) is not an error: stop quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (err) => {
    if (err && err.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw err;
  });
}

process.exitCode = await main(process.argv.slice(2));
