/**
 * The API docs page: plain server-rendered HTML of the OpenAPI document (no script, so it works
 * under the app's Content-Security-Policy and without a CDN), one section per operation.
 */
type Schema = Record<string, unknown>;

const esc = (s: unknown) =>
  String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function docsPage(doc: Schema): string {
  const info = doc.info as { title: string; description: string };
  const paths = doc.paths as Record<string, Record<string, Schema>>;
  const sections: string[] = [];
  for (const [path, ops] of Object.entries(paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const params = (op.parameters as Schema[]) ?? [];
      const body = (op.requestBody as { content: Record<string, { schema: Schema }> } | undefined)?.content[
        'application/json'
      ]?.schema;
      const scope = op['x-api-key-scope'];
      sections.push(`<section id="${esc(op.operationId)}">
<h3><span class="m ${esc(method)}">${esc(method.toUpperCase())}</span> <code>/api${esc(path)}</code></h3>
<p>${esc(op.summary)}${scope ? ` <span class="scope">scope ${esc(scope)}</span>` : ''}${Array.isArray(op.security) && op.security.length === 0 ? ' <span class="scope">no session</span>' : ''}</p>
${
  params.length
    ? `<table><tr><th>parameter</th><th>in</th><th>schema</th></tr>${params
        .map(
          (p) =>
            `<tr><td><code>${esc(p.name)}</code>${p.required ? ' *' : ''}</td><td>${esc(p.in)}</td><td><code>${esc(JSON.stringify(p.schema))}</code></td></tr>`,
        )
        .join('')}</table>`
    : ''
}
${body ? `<details><summary>Body (JSON Schema)</summary><pre>${esc(JSON.stringify(body, null, 2))}</pre></details>` : ''}
</section>`);
    }
  }
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(info.title)}</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;max-width:960px;margin:2rem auto;padding:0 1rem;color:#1b1f24}
h3{margin:1.6rem 0 .3rem;font-size:1rem}code{font:13px ui-monospace,monospace}
.m{display:inline-block;min-width:4.5rem;padding:.1rem .4rem;border-radius:4px;color:#fff;text-align:center;font-size:.8rem}
.get{background:#2563eb}.post{background:#16a34a}.patch{background:#d97706}.delete{background:#dc2626}
.scope{font-size:.8rem;background:#eef2f7;border-radius:4px;padding:.05rem .4rem;margin-left:.4rem}
table{border-collapse:collapse;width:100%;font-size:.85rem}td,th{border-top:1px solid #e3e7ec;padding:.25rem .4rem;text-align:left;vertical-align:top}
td code{word-break:break-all}pre{background:#f6f8fa;padding:.6rem;overflow:auto;font-size:12px}
</style></head><body>
<h1>${esc(info.title)}</h1><p>${esc(info.description)}</p>
<p><a href="/api/openapi.json">openapi.json</a> (OpenAPI 3.1) — generate a client with any OpenAPI generator.</p>
${sections.join('\n')}
</body></html>`;
}
