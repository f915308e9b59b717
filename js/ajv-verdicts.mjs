// Ajv (draft 2020-12) over the published schemas: reads JSON Lines {"file", "strict", "payload"} on
// stdin, prints one verdict per line ("true"/"false"). The schemas directory is argv[2].
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020.js";

const directory = process.argv[2];
// format is an annotation in this contract (UUID and date-time are asserted by pattern), so Ajv
// needs no format plug-in: validateFormats off, everything else strict.
const ajv = new Ajv2020({ strict: true, strictTypes: false, validateFormats: false, allErrors: false });
const validators = {};
for (const profile of ["", "strict"]) {
  for (const file of readdirSync(join(directory, profile)).filter((name) => name.endsWith(".schema.json"))) {
    const schema = JSON.parse(readFileSync(join(directory, profile, file), "utf8"));
    validators[`${profile}/${file}`] = ajv.compile(schema);
  }
}
let input = "";
for await (const chunk of process.stdin) input += chunk;
const out = [];
for (const line of input.split("\n")) {
  if (!line.trim()) continue;
  const { file, strict, payload } = JSON.parse(line);
  out.push(String(validators[`${strict ? "strict" : ""}/${file}`](payload)));
}
process.stdout.write(out.join("\n") + "\n");
