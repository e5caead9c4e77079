// Shared by the benchmark scripts: `--name value` flags from the command line.

/** The value after `--name` in process.argv, or `fallback` when the flag is absent. */
export function flag(name, fallback) {
  const args = process.argv.slice(2);
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
}
