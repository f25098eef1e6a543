// Bundles each CLI into one minified file so a command starts fast (no module resolution, less to
// parse at run time). Each entry is built on its own: one that fails to compile does not stop the others.
import { build } from 'esbuild';
import { chmodSync, existsSync } from 'node:fs';

const entries = [
  { in: 'engine/main.ts', out: 'dist/skiff.js' },
  { in: 'conformance/main.ts', out: 'dist/skiff-conformance.js' },
];
let failed = 0;
for (const entry of entries) {
  if (!existsSync(entry.in)) continue;
  try {
    await build({
      entryPoints: [entry.in],
      outfile: entry.out,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'esm',
      sourcemap: 'linked',
      minify: true,
      keepNames: true,
      // Native addons cannot be bundled; they are resolved from node_modules at run time.
      // undici is required lazily by the registry client (engine/registry/transport.ts).
      external: ['better-sqlite3', 'node-unix-socket', 'undici'],
      banner: {
        js: "#!/usr/bin/env -S node --\nimport { createRequire as __skiffCreateRequire } from 'node:module'; const require = __skiffCreateRequire(import.meta.url);",
      },
      logLevel: 'warning',
    });
    chmodSync(entry.out, 0o755);
  } catch {
    failed++;
  }
}
process.exitCode = failed > 0 ? 1 : 0;
