// The first route's JavaScript (the entry, its static imports, and the login page's chunk) must stay under
// 300 kB gzipped. Reads Vite's build manifest; run after `npm run build`.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const LIMIT = 300 * 1024;
const dist = new URL("../dist/", import.meta.url).pathname;
const manifest = JSON.parse(readFileSync(join(dist, ".vite/manifest.json"), "utf8"));

const files = new Set();
function walk(key) {
  const chunk = manifest[key];
  if (!chunk || files.has(chunk.file)) return;
  files.add(chunk.file);
  for (const dep of chunk.imports ?? []) walk(dep);
}
walk("index.html");
walk("src/pages/LoginPage.tsx");

let total = 0;
for (const file of files) {
  const size = gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
  total += size;
  console.log(`${(size / 1024).toFixed(1).padStart(8)} kB  ${file}`);
}
console.log(`first route: ${(total / 1024).toFixed(1)} kB gzipped (limit ${LIMIT / 1024} kB)`);
if (total > LIMIT) {
  console.error("first route's JavaScript is over the limit");
  process.exit(1);
}
