// The test suite's pattern oracle: ECMA-262 itself. One JSON line in ({"pattern", "string"}), one line
// out: true or false (RegExp(pattern, "u").test(string)), or "error" when the pattern is not valid in
// Unicode mode. Runs until standard input closes.
import readline from "node:readline";

const lines = readline.createInterface({ input: process.stdin });
lines.on("line", (line) => {
  const { pattern, string } = JSON.parse(line);
  let answer;
  try {
    answer = new RegExp(pattern, "u").test(string);
  } catch {
    answer = "error";
  }
  process.stdout.write(JSON.stringify(answer) + "\n");
});
