// The npm rows of `make bench`: the package's isValid (Ajv standalone code, compiled at build time)
// against plain Ajv compiled at run time with the same options, in one Node process, alternating,
// medians. Run from a project where indoxhub-contract is installed; argv[2]: payloads (JSON), argv[3]:
// the schemas folder.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020.js";
import { isValid } from "indoxhub-contract";

const payloads = JSON.parse(readFileSync(process.argv[2], "utf8"));
const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true, validateFormats: false });
const rounds = 15;

function perCall(fn, payload) {
  let loops = 1;
  for (;;) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < loops; i++) fn(payload);
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    if (seconds >= 0.02) return seconds / loops;
    loops *= seconds === 0 ? 2 : Math.max(2, Math.ceil((0.02 / seconds) * 1.2));
  }
}

const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
const rows = [];
for (const { label, type, file, payload } of payloads) {
  const plain = ajv.compile(JSON.parse(readFileSync(join(process.argv[3], file), "utf8")));
  const contenders = { "indoxhub-contract isValid": (p) => isValid(type, p), "Ajv compiled at run time": plain };
  const samples = Object.fromEntries(Object.keys(contenders).map((name) => [name, []]));
  for (let round = 0; round < rounds; round++) {
    for (const [name, fn] of Object.entries(contenders)) samples[name].push(perCall(fn, payload));
  }
  rows.push({ label, ...Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, median(values)])) });
}
process.stdout.write(JSON.stringify(rows) + "\n");
