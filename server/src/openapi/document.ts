/**
 * The OpenAPI 3.1 document, built from OPERATIONS: request bodies and query parameters are the
 * JSON Schemas zod 4 generates from the schemas of `shared` (JSON Schema 2020-12, which OpenAPI 3.1
 * uses as is), with their input shape (what a client sends, before defaults and transforms).
 */
import { WEBHOOK_EVENTS } from '@tournee/shared';
import { z } from 'zod';
import { OPERATIONS, type Operation } from './operations.ts';

type Schema = Record<string, unknown>;

const jsonSchema = (s: z.ZodType): Schema => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' }) as Schema;
  return rest;
};

function parameters(op: Operation): Schema[] {
  const params: Schema[] = [];
  for (const name of op.path.match(/\{(\w+)\}/g) ?? []) {
    params.push({ name: name.slice(1, -1), in: 'path', required: true, schema: { type: 'string' } });
  }
  if (op.query) {
    const s = jsonSchema(op.query);
    const props = (s.properties ?? {}) as Record<string, Schema>;
    const required = new Set((s.required as string[] | undefined) ?? []);
    for (const [name, schema] of Object.entries(props)) {
      params.push({ name, in: 'query', required: required.has(name), schema });
    }
  }
  return params;
}

const ERRORS = {
  '400': 'Bad input: the message names the field',
  '401': 'No valid session, API key, signature or device key',
  '403': 'Not allowed: for an API key, the message names the scope it lacks',
  '429': 'Too many requests (Retry-After)',
};

export function openApiDocument(serverUrl: string): Schema {
  const paths: Record<string, Record<string, Schema>> = {};
  for (const op of OPERATIONS) {
    // `#…` tells apart two descriptions of one path (OpenAPI has one operation per method).
    const [path, variant] = op.path.split('#');
    const key = path!;
    const entry: Schema = {
      tags: [op.tag],
      summary: op.summary,
      operationId: `${op.method}${key.replace(/\{(\w+)\}/g, 'By_$1').replace(/[^\w]+(\w)/g, (_, c: string) => c.toUpperCase())}${variant ? `_${variant}` : ''}`,
      parameters: parameters(op),
      responses: Object.fromEntries(
        [...Object.entries(op.ok), ...Object.entries(ERRORS)].map(([code, description]) => [code, { description }]),
      ),
    };
    if (op.body)
      entry.requestBody = { required: true, content: { 'application/json': { schema: jsonSchema(op.body) } } };
    if (op.auth === 'none') entry.security = [];
    if (op.scope) entry['x-api-key-scope'] = op.scope;
    paths[key] ??= {};
    const existing = paths[key][op.method];
    if (existing) {
      // Merge the variant's parameters into the operation already there.
      const names = new Set((existing.parameters as Schema[]).map((p) => p.name));
      for (const p of entry.parameters as Schema[]) if (!names.has(p.name)) (existing.parameters as Schema[]).push(p);
      existing.summary = `${existing.summary}. ${op.summary}`;
    } else paths[key][op.method] = entry;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Tournée API',
      version: '1',
      description:
        'Route planning and delivery tracking. Authenticate with `Authorization: Bearer tk_live_…` (an API key, within its scopes: see `x-api-key-scope`) or a session token. Webhooks are POSTed as `{id, type, occurredAt, data}` with `Tournee-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "t.body">`; events: ' +
        WEBHOOK_EVENTS.join(', '),
    },
    servers: [{ url: serverUrl }],
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'An API key (tk_live_…) or a session token' },
      },
    },
    security: [{ bearer: [] }],
    paths,
  };
}
