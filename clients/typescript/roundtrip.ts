// The round-trip program of the TypeScript clients (docs/clients.md): JSON Lines {"type": T, "payload": P}
// on standard input; for each, P decoded with the client's decoder for T and encoded again, or
// {"error": ...}. `./client` is a module the page's blocks write, exporting `decode` and `encode`
// maps from type name to the generated functions.
import { createInterface } from "node:readline";
import { decode, encode } from "./client";

const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
const out: string[] = [];
lines.on("line", (line) => {
  try {
    const { type, payload } = JSON.parse(line);
    if (!(type in decode)) throw new Error(`unknown type ${JSON.stringify(type)}`);
    out.push(encode[type](decode[type](payload)));
  } catch (error) {
    out.push(JSON.stringify({ error: String(error).slice(0, 1000) }));
  }
});
lines.on("close", () => process.stdout.write(out.map((line) => line + "\n").join("")));
