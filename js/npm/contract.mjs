// indoxhub-contract for JavaScript: the API over the validators Ajv compiled at build time.
// Hand-written; scripts/npm_package.py bundles it with the generated validators (validators.mjs) and
// data (data.mjs: type names, schema files, endpoints, the bundled schemas) into index.mjs/index.cjs.
import * as compiled from "./validators.mjs";
import { TYPES, schemas } from "./data.mjs";

export { TYPES, schemas };

const bySpelling = new Map(TYPES.map((type) => [spelling(type.name), type]));
// The names as the page spells them, straight to [default, strict] validators: one Map lookup per
// call, no string work (isValid on a chat payload is 0.1 µs; normalizing the name cost as much again).
const byName = new Map(TYPES.map((type) => [type.name, [compiled[type.name], compiled[`${type.name}_strict`]]]));

function spelling(name) {
  return name.replace(/[-_]/g, "").toLowerCase();
}

function typeOf(name) {
  const type = typeof name === "string" ? bySpelling.get(spelling(name)) : undefined;
  if (!type) {
    throw new TypeError(`unknown type ${JSON.stringify(name)}; known types: ${TYPES.map((t) => t.name).join(", ")}`);
  }
  return type;
}

function validatorOf(name, strict) {
  const type = typeOf(name);
  return [type, compiled[strict ? `${type.name}_strict` : type.name]];
}

/** Whether `payload` (a decoded JSON value) is a valid `type`; "ChatResponse" and "chat-response" both name it. */
export function isValid(type, payload, options) {
  const validators = byName.get(type) ?? byName.get(typeOf(type).name);
  // Ajv takes any object for an object; the walk runs only for what it accepts, so a rejection costs nothing more.
  return validators[options?.strict ? 1 : 0](payload) && notJsonData(payload) === null;
}

// Only JSON data is a payload: null, booleans, strings, finite numbers, arrays, and objects whose
// prototype is Object.prototype or null (what JSON.parse makes). A Date, a Map, a Uint8Array, an
// Object.create(valid) (members read through the prototype), undefined or NaN is not. Iterative: a
// value may nest deeply. Returns null, or {path, message} for the first value that is not.
function notJsonData(payload) {
  const pending = [["", payload]];
  while (pending.length > 0) {
    const [path, value] = pending.pop();
    const kind = typeof value;
    if (value === null || kind === "boolean" || kind === "string") continue;
    if (kind === "number") {
      if (Number.isFinite(value)) continue;
      return { path, message: `${value} is not a JSON number` };
    }
    if (kind !== "object") return { path, message: `not JSON data: ${kind === "undefined" ? "undefined" : `a ${kind}`}` };
    if (Array.isArray(value)) {
      if (Object.getPrototypeOf(value) !== Array.prototype) return { path, message: "not JSON data: an array of a subclass" };
      for (let index = 0; index < value.length; index++) pending.push([`${path}/${index}`, value[index]]);
      continue;
    }
    const prototype = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) {
      const name = prototype?.constructor?.name;
      return { path, message: `not JSON data: ${typeof name === "string" && name ? `a ${name}` : "an object with a prototype"}` };
    }
    for (const key of Object.keys(value)) pending.push([`${path}/${escape(key)}`, value[key]]);
  }
  return null;
}

/** Every way `payload` breaks the contract, as {path, keyword, message}: the same (path, keyword) pairs
 * as the Python validator's iter_errors. */
export function errors(type, payload, { strict = false } = {}) {
  const [found, validator] = validatorOf(type, strict);
  const problem = notJsonData(payload);
  if (problem !== null) return [{ path: problem.path, keyword: "type", message: problem.message }];
  if (validator(payload)) return [];
  return remap(validator.errors ?? [], payload, schemas[strict ? `strict/${found.file}` : found.file]);
}

export class ContractError extends Error {
  constructor(type, errors) {
    const shown = errors.slice(0, 20).map((e) => `\n  ${e.path || "(root)"}: ${e.message}`).join("");
    super(`not a valid ${type} (${errors.length} error${errors.length === 1 ? "" : "s"}):${shown}`);
    this.name = "ContractError";
    this.type = type;
    this.errors = errors;
  }
}

/** `payload` itself when it is a valid `type`; throws ContractError (with `.errors`) otherwise. */
export function validate(type, payload, { strict = false } = {}) {
  const name = typeOf(type).name;
  if (!isValid(name, payload, { strict })) throw new ContractError(name, errors(name, payload, { strict }));
  return payload;
}

// Ajv reports differently from the Python validator in two places; the pairs are brought in line:
// - an unexpected member is reported by Ajv at its object, with the name in params: ours at the member;
// - a `type` union, published as an anyOf of bare types for Ajv's strict mode, is reported as `type`;
// - anyOf: Ajv keeps every branch's errors and adds its own. Where the branches accept disjoint JSON
//   types (Usage or null), only the branch for the value's type counts, as in the Python validator:
//   its errors are kept, the other branches' type errors and the anyOf error dropped. When no branch
//   takes the type, only the anyOf error stays.
function remap(raw, payload, root) {
  const kept = raw.map((error) => ({ ...error, drop: false }));
  kept.forEach((error, index) => {
    if (error.keyword !== "anyOf") return;
    const block = [];
    for (let i = index - 1; i >= 0 && within(kept[i].instancePath, error.instancePath); i--) block.push(kept[i]);
    const schemasOfBranches = resolve(root, error.schemaPath);
    // A `type` union published as an anyOf of bare types (bundle.published): reported as the `type`
    // it is in the source, like the Python validator does.
    if (schemasOfBranches.every((branch) => Object.keys(branch).length === 1 && typeof branch.type === "string")) {
      error.keyword = "type";
      for (const other of block) other.drop = true;
      return;
    }
    const branches = schemasOfBranches.map((branch) => declaredTypes(root, branch));
    const value = at(payload, error.instancePath);
    const taking = branches.filter((types) => types && types.some((t) => accepts(t, value)));
    if (branches.every((types) => types) && taking.length === 1) {
      error.drop = true;
      for (const other of block) if (other.keyword === "type" && other.instancePath === error.instancePath) other.drop = true;
    } else {
      for (const other of block) other.drop = true;
    }
  });
  const seen = new Set();
  const result = [];
  for (const error of kept) {
    if (error.drop) continue;
    const path = error.keyword === "additionalProperties"
      ? `${error.instancePath}/${escape(error.params.additionalProperty)}`
      : error.instancePath;
    const key = `${path}\u0000${error.keyword}\u0000${error.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const message = error.keyword === "additionalProperties"
      ? "unexpected member: only the listed members are allowed here"
      : error.message;
    result.push({ path, keyword: error.keyword, message });
  }
  return result;
}

function within(path, prefix) {
  return path === prefix || path.startsWith(`${prefix}/`);
}

function escape(token) {
  return String(token).replace(/~/g, "~0").replace(/\//g, "~1");
}

function unescape(token) {
  return token.replace(/~1/g, "/").replace(/~0/g, "~");
}

function at(document, pointer) {
  let value = document;
  for (const token of pointer.split("/").slice(1)) value = value?.[unescape(token)];
  return value;
}

function resolve(root, schemaPath) {
  let schema = root;
  for (const token of schemaPath.replace(/^#/, "").split("/").slice(1)) schema = schema?.[unescape(decodeURIComponent(token))];
  return schema ?? [];
}

function declaredTypes(root, schema) {
  for (let hops = 0; schema && typeof schema === "object" && schema.$ref && hops < 16; hops++) schema = resolve(root, schema.$ref);
  if (!schema || typeof schema !== "object" || schema.type === undefined) return null;
  return Array.isArray(schema.type) ? schema.type : [schema.type];
}

function accepts(type, value) {
  switch (type) {
    case "null": return value === null;
    case "boolean": return typeof value === "boolean";
    case "string": return typeof value === "string";
    case "number": return typeof value === "number";
    case "integer": return Number.isInteger(value);
    case "array": return Array.isArray(value);
    case "object": return value !== null && typeof value === "object" && !Array.isArray(value);
    default: return false;
  }
}
