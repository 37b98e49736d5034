"use strict";

// @zeit/cosmosdb-query ships a PEG parser generated without memoisation, so each level of parentheses multiplies the
// backtracking: the SDK's fully parenthesised rewrite of a cross-partition ORDER BY query with five filters took the
// server minutes to parse, and every other request waited behind it. This loads that parser with every rule
// memoised by (rule, position), which is what the generator's own "cache" option emits (linear time), before the
// server first requires it. The package's source on disk is not changed.

const fs = require("fs");
const Module = require("module");
const path = require("path");

const RULE = /^  function (peg\$parse[A-Za-z0-9_$]+)\(\) \{$/gm;

function memoise(source) {
  const rules = [];
  let body = source.replace(RULE, (_, name) => {
    rules.push(name);
    return `  function ${name}$uncached() {`;
  });
  if (rules.length === 0 || !body.includes("peg$currPos          = 0,")) {
    throw new Error("the query parser is not the generated parser this loader knows");
  }
  const wrappers = rules.map((name, index) => `
  function ${name}() {
    var key = peg$currPos * ${rules.length} + ${index}, cached = peg$memo.get(key);
    if (cached !== undefined) { peg$currPos = cached.next; return cached.result; }
    var result = ${name}$uncached();
    peg$memo.set(key, { next: peg$currPos, result: result });
    return result;
  }`).join("\n");
  body = body.replace("peg$currPos          = 0,", "peg$memo             = new Map(),\n      peg$currPos          = 0,");
  // The wrappers go right after the memo's declaration list ends, inside peg$parse.
  const anchor = body.indexOf("\n", body.indexOf(";", body.indexOf("peg$memo             = new Map(),")));
  return body.slice(0, anchor + 1) + wrappers + "\n" + body.slice(anchor + 1);
}

/** Puts the memoised parser in require's cache for the copy of @zeit/cosmosdb-query that `fromDir` resolves. */
function install(fromDir) {
  const file = require.resolve("@zeit/cosmosdb-query/lib/parser", { paths: [fromDir] });
  const parser = new Module(file, module);
  parser.filename = file;
  parser.paths = Module._nodeModulePaths(path.dirname(file));
  parser._compile(memoise(fs.readFileSync(file, "utf8")), file);
  parser.loaded = true;
  require.cache[file] = parser;
}

module.exports = { install, memoise };
