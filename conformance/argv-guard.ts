// fixtures/images/build-busybox.ts runs its own command line when import.meta.url ends with the name of
// argv[1], which is always true inside the single-file bundle (dist/skiff-conformance.js). argv[1] is
// hidden while that module is evaluated and restored by test-image.ts right after.
export const savedArgv1 = process.argv[1];
process.argv[1] = '';
