// Turns Proxmox's api-viewer/apidata.js (the official API schema, from the pve-docs repository) into the
// pve-apidoc-VERSION.json the tests read: the same array, as JSON. Test data only; never committed here.
// Usage: node pve-apidoc-json.mjs apidata.js pve-apidoc-9.1.3.json
import { readFileSync, writeFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  console.error('usage: node pve-apidoc-json.mjs APIDATA_JS OUTPUT_JSON');
  process.exit(2);
}
const context = {};
runInNewContext(readFileSync(input, 'utf8') + '\n;this.apiSchema = apiSchema;', context);
if (!Array.isArray(context.apiSchema) || context.apiSchema.length === 0) {
  console.error(`${input} holds no apiSchema array`);
  process.exit(1);
}
writeFileSync(output, JSON.stringify(context.apiSchema));
console.log(`${output}: ${context.apiSchema.length} top-level paths`);
