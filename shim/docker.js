#!/usr/bin/env -S node --
// The docker shim: `docker ARGS` runs `skiff ARGS`, nothing else, and prints nothing of its own.
// It loads skiff's bundle in this same process (one Node start-up, not two); SKIFF_PROG makes
// skiff's messages say "docker" as the docker CLI's do.
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

process.env.SKIFF_PROG ??= 'docker';
const skiff = process.env.SKIFF_BIN || join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'skiff.js');
await import(pathToFileURL(skiff).href);
