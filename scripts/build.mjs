// Bundles each CLI into one file so a command starts fast (no module resolution at run time).
import { build } from 'esbuild';

const entries = [
  { in: 'engine/main.ts', out: 'dist/skiff.js' },
  { in: 'conformance/main.ts', out: 'dist/skiff-conformance.js' },
];
const fs = await import('node:fs');
for (const entry of entries) {
  if (!fs.existsSync(entry.in)) continue;
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
    external: ['better-sqlite3', 'node-unix-socket'],
    banner: {
      js: "#!/usr/bin/env node\nimport { createRequire as __skiffCreateRequire } from 'node:module'; const require = __skiffCreateRequire(import.meta.url);",
    },
    logLevel: 'warning',
  });
  fs.chmodSync(entry.out, 0o755);
}
