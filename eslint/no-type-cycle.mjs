// A local ESLint rule for eslint.config.mjs: no import cycles in src/ that close through a type-only import.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const SRC = path.join(ROOT, "src");

// import-x/no-cycle skips `import type` (and `import { type A }`) edges and has no option to count
// them, so this local rule finds the cycles in src/ that need a type-only edge (or a require(), or an
// `import("…")` type) to close. Cycles of value imports (static or dynamic import()) are left to
// import-x/no-cycle, so no cycle is reported twice.
const tsOptions = (() => {
  const file = path.join(ROOT, "tsconfig.json");
  const { config } = ts.readConfigFile(file, ts.sys.readFile);
  return ts.parseJsonConfigFileContent(config ?? {}, ts.sys, ROOT).options;
})();
const resolutionCache = ts.createModuleResolutionCache(ROOT, (f) => f, tsOptions);
const SOURCE_EXT = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;

function resolveInSrc(specifier, fromFile) {
  const { resolvedModule } = ts.resolveModuleName(specifier, fromFile, tsOptions, ts.sys, resolutionCache);
  if (!resolvedModule || resolvedModule.isExternalLibraryImport) return undefined;
  const target = path.resolve(resolvedModule.resolvedFileName);
  return target.startsWith(SRC + path.sep) ? target : undefined;
}

// Edges of a file on disk: { specifier, value } where value means a static import/export that
// import-x/no-cycle follows. TypeScript's import scanner finds every specifier (import type,
// import("…") in types, dynamic import(), require()); only the statements up to the last static
// import/export are parsed, to tell `import type` / `import { type A }` from value imports.
function diskEdges(file, text) {
  const edges = [];
  let cut = 0;
  for (const { fileName, pos } of ts.preProcessFile(text, true, true).importedFiles) {
    let i = pos - 1; // pos is the opening quote
    while (i >= 0 && /\s/.test(text[i])) i--;
    // import(…) counts as a value edge, as for import-x (import("…") types are banned below); require(…) does not.
    if (text[i] === "(") edges.push({ specifier: fileName, value: /\bimport\s*$/.test(text.slice(Math.max(0, i - 12), i)) });
    else cut = Math.max(cut, text.indexOf(text[pos], pos + 1) + 1);
  }
  if (cut === 0) return edges;
  const kind = /\.[jt]sx$/.test(file) ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const typeOnly = (elements) => !!elements && elements.length > 0 && elements.every((e) => e.isTypeOnly);
  for (const n of ts.createSourceFile(file, text.slice(0, cut), ts.ScriptTarget.Latest, false, kind).statements) {
    if (!(ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) || !n.moduleSpecifier || !ts.isStringLiteral(n.moduleSpecifier)) continue;
    let type;
    if (ts.isImportDeclaration(n)) {
      const c = n.importClause;
      type =
        !!c && (c.isTypeOnly || (!c.name && typeOnly(c.namedBindings && ts.isNamedImports(c.namedBindings) && c.namedBindings.elements)));
    } else type = n.isTypeOnly || typeOnly(n.exportClause && ts.isNamedExports(n.exportClause) && n.exportClause.elements);
    edges.push({ specifier: n.moduleSpecifier.text, value: !type });
  }
  return edges;
}

const diskCache = new Map(); // file -> { stamp, edges: [{ target, value }] }
function srcFiles(dir = SRC, out = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) srcFiles(full, out);
    else if (SOURCE_EXT.test(entry.name) && !entry.name.endsWith(".d.ts")) out.push(full);
  }
  return out;
}
function srcGraph() {
  const graph = new Map();
  for (const file of srcFiles()) {
    const st = fs.statSync(file);
    const stamp = `${st.mtimeMs}:${st.size}`;
    let cached = diskCache.get(file);
    if (!cached || cached.stamp !== stamp) {
      const edges = diskEdges(file, fs.readFileSync(file, "utf8"))
        .map((e) => ({ target: resolveInSrc(e.specifier, file), value: e.value }))
        .filter((e) => e.target);
      cached = { stamp, edges };
      diskCache.set(file, cached);
    }
    graph.set(file, cached.edges);
  }
  return graph;
}
// Tarjan's strongly connected components: component id per file, over the edges that pass `use`.
function components(graph, use) {
  const index = new Map();
  const low = new Map();
  const comp = new Map();
  const stack = [];
  const onStack = new Set();
  let next = 0;
  const strong = (v) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const e of graph.get(v) ?? []) {
      if (!use(e) || !graph.has(e.target)) continue;
      if (!index.has(e.target)) {
        strong(e.target);
        low.set(v, Math.min(low.get(v), low.get(e.target)));
      } else if (onStack.has(e.target)) low.set(v, Math.min(low.get(v), index.get(e.target)));
    }
    if (low.get(v) === index.get(v)) {
      let w;
      do {
        w = stack.pop();
        onStack.delete(w);
        comp.set(w, v);
      } while (w !== v);
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) strong(v);
  return comp;
}
function pathBack(graph, from, to) {
  const prev = new Map([[from, null]]);
  const queue = [from];
  while (queue.length) {
    const v = queue.shift();
    if (v === to) break;
    for (const { target } of graph.get(v) ?? [])
      if (graph.has(target) && !prev.has(target)) {
        prev.set(target, v);
        queue.push(target);
      }
  }
  const route = [];
  for (let v = to; v; v = prev.get(v)) route.unshift(path.relative(ROOT, v));
  return route.join(" → ");
}

export const noTypeCycle = {
  meta: {
    type: "problem",
    docs: { description: "No import cycles in src/ that close through a type-only import (import-x/no-cycle ignores those)." },
    schema: [],
    messages: { cycle: "Import cycle closed by a type-only import or require(): {{route}}." },
  },
  create(context) {
    const file = path.resolve(context.physicalFilename);
    if (!file.startsWith(SRC + path.sep)) return {};
    const found = []; // { node, specifier, value } from this file's own AST (it may be unsaved)
    const add = (node, source, value) => {
      if (source && typeof source.value === "string") found.push({ node: source, specifier: source.value, value });
    };
    const allType = (specs, key) => specs.length > 0 && specs.every((s) => s[key] === "type");
    return {
      ImportDeclaration: (n) => add(n, n.source, !(n.importKind === "type" || allType(n.specifiers, "importKind"))),
      ExportNamedDeclaration: (n) => n.source && add(n, n.source, !(n.exportKind === "type" || allType(n.specifiers, "exportKind"))),
      ExportAllDeclaration: (n) => add(n, n.source, n.exportKind !== "type"),
      ImportExpression: (n) => add(n, n.source, true),
      TSImportType: (n) => add(n, n.source ?? n.argument?.literal ?? n.parameter?.literal, false),
      TSExternalModuleReference: (n) => add(n, n.expression, false),
      CallExpression: (n) => {
        if (n.callee.type === "Identifier" && n.callee.name === "require" && n.arguments.length === 1) add(n, n.arguments[0], false);
      },
      "Program:exit"() {
        const edges = found.map((e) => ({ ...e, target: resolveInSrc(e.specifier, file) })).filter((e) => e.target);
        const graph = srcGraph();
        graph.set(file, edges);
        const all = components(graph, () => true);
        const valueOnly = components(graph, (e) => e.value);
        for (const e of edges) {
          if (all.get(e.target) !== all.get(file)) continue; // not part of a cycle
          if (e.value && valueOnly.get(e.target) === valueOnly.get(file)) continue; // import-x/no-cycle reports it
          context.report({
            node: e.node,
            messageId: "cycle",
            data: { route: `${path.relative(ROOT, file)} → ${pathBack(graph, e.target, file)}` },
          });
        }
      },
    };
  },
};
