// Reads JSON Lines {"type", "strict", "payload"} on stdin; for each, one line: {"valid", "pairs"}, the
// package's verdict and the (path, keyword) pairs of its errors. Imported as ESM (this file) or
// required as CommonJS (verdicts.cjs): both must answer alike.
import * as contract from "indoxhub-contract";

let input = "";
for await (const chunk of process.stdin) input += chunk;
const out = [];
for (const line of input.split("\n")) {
  if (!line.trim()) continue;
  const { type, strict, payload } = JSON.parse(line);
  const valid = contract.isValid(type, payload, { strict });
  const pairs = contract.errors(type, payload, { strict }).map((e) => [e.path, e.keyword]);
  out.push(JSON.stringify({ valid, pairs }));
}
process.stdout.write(out.join("\n") + "\n");
