// Turns the Kubernetes and Strimzi schemas that published packages ship into the standalone JSON Schemas
// (draft 2020-12) that KubernetesManifestsTest validates deploy/k8s against. See README.md for provenance.
//
//   node to-json-schema.mjs kubernetes <npm project dir> <out dir> <source note> <definition id>...
//   node to-json-schema.mjs crd <npm project dir> <CustomResourceDefinition yaml> <served version> <out file> <source note>
//
// <npm project dir> holds node_modules with kubernetes-models (kubernetes) or yaml (crd); regenerate.sh sets it up.
//
// Both paths apply the same rules, so both behave like `kubectl apply --validate=strict`:
//   - an object schema that lists its properties and says nothing about others gets
//     additionalProperties: false (an unknown or misspelt field is an error, not silently dropped);
//     x-kubernetes-preserve-unknown-fields keeps an object open;
//   - x-kubernetes-int-or-string becomes anyOf integer|string; nullable adds "null" to the type;
//   - format "quantity" (a resource quantity such as 250m or 384Mi) becomes the apiserver's pattern;
//     other formats, descriptions, OpenAPI examples and x-kubernetes-* annotations are dropped (CEL rules in
//     x-kubernetes-validations cannot be checked by a JSON Schema validator).
import { createRequire } from 'node:module';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, dirname, resolve } from 'node:path';

const QUANTITY = '^[+-]?(?:\\d+|\\d+\\.\\d+|\\d+\\.|\\.\\d+)(?:[KMGTPE]i|(?:[YZEPTGMkhdcmunpfazy]|da)|[eE][+-]?(?:\\d+|\\d+\\.\\d+|\\d+\\.|\\.\\d+))?$';
const DIALECT = 'https://json-schema.org/draft/2020-12/schema';

function convert(node, refOf) {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) {
    return node;
  }
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'description' || key === 'example' || key === 'format' || key === 'nullable' || key.startsWith('x-kubernetes-')) {
      continue;
    }
    if (key === 'properties' || key === 'patternProperties' || key === '$defs' || key === 'definitions') {
      out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, convert(v, refOf)]));
    } else if (key === 'items' || key === 'additionalProperties' || key === 'not') {
      out[key] = typeof value === 'object' ? convert(value, refOf) : value;
    } else if (key === 'anyOf' || key === 'oneOf' || key === 'allOf') {
      out[key] = value.map((v) => convert(v, refOf));
    } else if (key === '$ref') {
      out[key] = refOf(value);
    } else {
      out[key] = value;
    }
  }
  if (node.format === 'quantity') {
    out.pattern = QUANTITY;
  }
  if (node.nullable === true && typeof out.type === 'string') {
    out.type = [out.type, 'null'];
  }
  if (node['x-kubernetes-int-or-string'] === true && out.type === undefined && out.anyOf === undefined) {
    out.anyOf = [{ type: 'integer' }, { type: 'string' }];
  }
  const open = node['x-kubernetes-preserve-unknown-fields'] === true;
  if (out.type === 'object' && out.properties !== undefined && out.additionalProperties === undefined && !open) {
    out.additionalProperties = false;
  }
  return out;
}

function write(file, schema) {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(schema, null, 1) + '\n');
  console.log(`wrote ${file}`);
}

function fileName(id) {
  // io.k8s.api.apps.v1.Deployment -> deployment-apps-v1.json; io.k8s.api.core.v1.Service -> service-v1.json
  const parts = id.split('.');
  const kind = parts[parts.length - 1].toLowerCase();
  const version = parts[parts.length - 2];
  const group = parts[parts.length - 3];
  return group === 'core' ? `${kind}-${version}.json` : `${kind}-${group}-${version}.json`;
}

function kubernetes(projectDir, outDir, ids, source) {
  const require = createRequire(resolve(projectDir, 'package.json'));
  const registry = require('@kubernetes-models/validate');
  const defs = new Map();
  registry.register = (id, schema) => {
    if (!defs.has(id)) defs.set(id, schema);
  };
  const modelsDir = dirname(require.resolve('kubernetes-models/package.json'));
  for (const id of ids) {
    const module = 'Io' + id.split('.').slice(1).map((p) => p[0].toUpperCase() + p.slice(1)).join('');
    require(join(modelsDir, '_schemas', module + '.js')).addSchema();
  }
  const refOf = (ref) => {
    if (!ref.endsWith('#')) throw new Error(`unexpected $ref ${ref}`);
    return '#/$defs/' + ref.slice(0, -1);
  };
  for (const id of ids) {
    // the transitive closure of the definitions this kind refers to
    const closure = new Map();
    const visit = (defId) => {
      if (closure.has(defId)) return;
      const schema = defs.get(defId);
      if (!schema) throw new Error(`missing definition ${defId}`);
      closure.set(defId, convert(schema, refOf));
      JSON.stringify(schema, (k, v) => {
        if (k === '$ref') visit(v.slice(0, -1));
        return v;
      });
    };
    visit(id);
    write(join(outDir, fileName(id)), {
      $schema: DIALECT,
      $comment: `${id} from ${source}; converted by to-json-schema.mjs (see README.md)`,
      $ref: `#/$defs/${id}`,
      $defs: Object.fromEntries([...closure.entries()].sort(([a], [b]) => a.localeCompare(b))),
    });
  }
}

function crd(projectDir, file, version, outFile, source) {
  const require = createRequire(resolve(projectDir, 'package.json'));
  const YAML = require('yaml');
  const doc = YAML.parse(readFileSync(file, 'utf8'));
  const served = doc.spec.versions.find((v) => v.name === version);
  if (!served) throw new Error(`${file} does not serve ${version}`);
  const apiVersion = `${doc.spec.group}/${version}`;
  const kind = doc.spec.names.kind;
  const schema = convert(served.schema.openAPIV3Schema, (ref) => {
    throw new Error(`unexpected $ref ${ref}`);
  });
  delete schema.properties.status; // written by the operator, never by a manifest
  schema.properties.apiVersion = { type: 'string', const: apiVersion };
  schema.properties.kind = { type: 'string', const: kind };
  schema.required = [...new Set(['apiVersion', 'kind', ...(schema.required ?? [])])];
  write(outFile, {
    $schema: DIALECT,
    $comment: `${kind} ${apiVersion} from ${source}; converted by to-json-schema.mjs (see README.md)`,
    ...schema,
  });
}

const [mode, ...args] = process.argv.slice(2);
if (mode === 'kubernetes') {
  const [projectDir, outDir, source, ...ids] = args;
  kubernetes(projectDir, outDir, ids, source);
} else if (mode === 'crd') {
  const [projectDir, file, version, outFile, source] = args;
  crd(projectDir, file, version, outFile, source);
} else {
  console.error('usage: see the header of to-json-schema.mjs');
  process.exit(2);
}
