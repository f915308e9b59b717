// Compiles every published schema (argv[2]: the schemas folder, both profiles) in Ajv 2020 with
// strict: true, the usual setup: once with ajv-formats, once with validateFormats: false. Prints one
// line per problem (an error thrown, or anything Ajv logs as a warning); nothing when all compile clean.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

const problems = [];
for (const setup of ["ajv-formats", "validateFormats: false"]) {
  for (const profile of ["", "strict"]) {
    for (const file of readdirSync(join(process.argv[2], profile)).filter((name) => name.endsWith(".schema.json"))) {
      const where = `${setup} ${join(profile, file)}`;
      const logger = {
        log: () => {},
        warn: (...args) => problems.push(`${where}: warning: ${args.join(" ")}`),
        error: (...args) => problems.push(`${where}: error: ${args.join(" ")}`),
      };
      const options = setup === "ajv-formats" ? { strict: true, logger } : { strict: true, validateFormats: false, logger };
      const ajv = new Ajv2020(options);
      if (setup === "ajv-formats") addFormats(ajv);
      try {
        ajv.compile(JSON.parse(readFileSync(join(process.argv[2], profile, file), "utf8")));
      } catch (error) {
        problems.push(`${where}: ${error.message}`);
      }
    }
  }
}
process.stdout.write(problems.map((line) => line + "\n").join(""));
