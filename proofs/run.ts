/**
 * `npm run proofs`: runs every proofs/*.proof.ts in turn. Each prints what it
 * proved and exits non-zero on any failure; so does this runner.
 */
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const files = readdirSync(here)
  .filter((f) => f.endsWith(".proof.ts"))
  .sort();
let failed = 0;
for (const file of files) {
  console.log(`\n== ${file}`);
  const r = spawnSync(process.execPath, ["--import", "tsx", join(here, file)], { stdio: "inherit" });
  if (r.status !== 0) {
    failed++;
    console.log(`FAILED: ${file}`);
  }
}
console.log(`\nproofs: ${files.length - failed} passed, ${failed} failed`);
process.exitCode = failed === 0 ? 0 : 1;
