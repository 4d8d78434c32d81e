// Checks what a real server answered against what its OpenAPI document promises: every
// response body against the schema of its operation and status (a 2xx must be documented by
// number; an error may fall to `default`), and every request body the server accepted
// against the operation's request schema. Strict: unknown fields fail where a schema is
// closed (additionalProperties: false), so a drift between code and document fails here.
//
//   node validate-responses.mjs DOCUMENT.json OBSERVED.jsonl
//
// OBSERVED.jsonl: one exchange per line, {user, method, pattern, target, status, request,
// response} (written by tests/http/api_replay_test.cpp).
import { readFileSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

const [documentPath, observedPath] = process.argv.slice(2);
if (!documentPath || !observedPath) {
  console.error("usage: node validate-responses.mjs DOCUMENT.json OBSERVED.jsonl");
  process.exit(2);
}
const document = JSON.parse(readFileSync(documentPath, "utf8"));
const exchanges = readFileSync(observedPath, "utf8").split("\n").filter(Boolean).map((line) => JSON.parse(line));

// The components as one schema resource, so that "#/components/schemas/X" references resolve.
const bundleId = "https://tessera.invalid/openapi.json";
const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true });
addFormats(ajv);
ajv.addFormat("password", true); // an OpenAPI annotation: any string
ajv.addKeyword("components");
ajv.addSchema({ $id: bundleId, components: document.components });
const compiled = new Map();
function validatorFor(schema) {
  const key = JSON.stringify(schema);
  if (!compiled.has(key)) {
    const text = key.replaceAll('"#/components/', `"${bundleId}#/components/`);
    compiled.set(key, ajv.compile(JSON.parse(text)));
  }
  return compiled.get(key);
}

const failures = [];
const checkedOperations = new Set();
let responses = 0;
let requests = 0;
const describe = (exchange) =>
  `${exchange.method} ${exchange.pattern} -> ${exchange.status} (as ${exchange.user || "anonymous"}: ` +
  `${exchange.method} ${exchange.target})`;
function check(exchange, what, schema, body, mediaType) {
  let value = body;
  // application/json, and application/fhir+json for the FHIR routes (docs/fhir.md).
  if (mediaType === "application/json" || mediaType.endsWith("+json")) {
    try {
      value = JSON.parse(body);
    } catch {
      failures.push(`${describe(exchange)}: ${what} is not JSON: ${body.slice(0, 200)}`);
      return;
    }
  }
  const validate = validatorFor(schema);
  if (!validate(value)) {
    const errors = validate.errors.map((e) => `${e.instancePath || "/"} ${e.message}` +
      (e.params && e.params.additionalProperty ? ` ('${e.params.additionalProperty}')` : ""));
    failures.push(`${describe(exchange)}: ${what} does not match its schema:\n    ` +
      `${errors.slice(0, 8).join("\n    ")}\n    body: ${body.slice(0, 400)}`);
  }
}

for (const exchange of exchanges) {
  if (!exchange.pattern) continue; // a path no operation serves (the replay's 404 probes)
  const operation = document.paths?.[exchange.pattern]?.[exchange.method.toLowerCase()];
  if (!operation) {
    failures.push(`${describe(exchange)}: no such operation in the document`);
    continue;
  }
  const success = exchange.status >= 200 && exchange.status < 300;
  const documented = operation.responses[String(exchange.status)] ?? (success ? undefined : operation.responses.default);
  if (!documented) {
    failures.push(`${describe(exchange)}: status ${exchange.status} is not documented`);
    continue;
  }
  const content = Object.entries(documented.content ?? {});
  if (content.length === 0) {
    failures.push(`${describe(exchange)}: the response has no documented body schema`);
    continue;
  }
  const [mediaType, { schema }] = content[0];
  check(exchange, "response body", schema, exchange.response, mediaType);
  ++responses;
  if (success) checkedOperations.add(`${exchange.method} ${exchange.pattern}`);
  const [requestType, request] = Object.entries(operation.requestBody?.content ?? {})[0] ?? [];
  const requestSchema = request?.schema;
  if (success && requestSchema && exchange.request) {
    check(exchange, "request body (accepted by the server)", requestSchema, exchange.request, requestType);
    ++requests;
  }
}

let operations = 0;
for (const methods of Object.values(document.paths)) operations += Object.keys(methods).length;
for (const failure of failures) console.error(`FAIL ${failure}`);
console.log(`${exchanges.length} exchanges: ${responses} response bodies and ${requests} accepted request bodies ` +
  `checked; ${checkedOperations.size} of ${operations} operations seen succeeding; ${failures.length} failures`);
process.exit(failures.length === 0 && exchanges.length > 0 ? 0 : 1);
