// The CommonJS twin of verdicts.mjs: require("indoxhub-contract").
const contract = require("indoxhub-contract");

let input = "";
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", () => {
  const out = [];
  for (const line of input.split("\n")) {
    if (!line.trim()) continue;
    const { type, strict, payload } = JSON.parse(line);
    const valid = contract.isValid(type, payload, { strict });
    const pairs = contract.errors(type, payload, { strict }).map((e) => [e.path, e.keyword]);
    out.push(JSON.stringify({ valid, pairs }));
  }
  process.stdout.write(out.join("\n") + "\n");
});
