#!/usr/bin/env node
// Local stand-in for Azure Cosmos DB: @vercel/cosmosdb-server over plain HTTP,
// bound to loopback, optionally persisted to a JSON snapshot file.
//
//   node tools/local/cosmos.js --port 8081 [--host 127.0.0.1] [--snapshot FILE]
//
// With --snapshot, the file is loaded at start (if it exists) and written on
// SIGINT/SIGTERM/SIGHUP (FILE.tmp, then rename, so a crash mid-write never
// leaves a truncated snapshot). Without it everything lives in memory only.
//
// The server keeps all data in an in-memory Account object that it creates in
// a closure when it starts listening, so there is no public handle on it. We
// swap the Account class exported by lib/account for a subclass that records
// the instance. index.js reads `account_1.default` at call time, so this works
// as long as we patch before the server starts listening. Versions are pinned
// in package-lock.json; if an upgrade breaks this, start-up fails loudly.
//
// Snapshots are taken from (and restored into) the in-memory objects directly,
// not replayed through the REST API, so _rid, _etag, _ts and _self survive a
// restart unchanged (replaying would reset _ts to "now" and reorder anything
// the app sorts by _ts).
"use strict";

const fs = require("fs");
const path = require("path");

const LOG = (...args) => console.log("[cosmos]", ...args);

function parseArgs(argv) {
  const args = { host: "127.0.0.1", port: 8081, snapshot: null };
  for (let i = 0; i < argv.length; i += 1) {
    const key = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${key} needs a value`);
      i += 1;
      return argv[i];
    };
    switch (key) {
      case "--port": args.port = Number.parseInt(value(), 10); break;
      case "--host": args.host = value(); break;
      case "--snapshot": args.snapshot = path.resolve(value()); break;
      case "-h":
      case "--help":
        console.log("usage: node cosmos.js --port PORT [--host 127.0.0.1] [--snapshot FILE]");
        process.exit(0);
        break;
      default:
        throw new Error(`unknown argument: ${key}`);
    }
  }
  if (!Number.isInteger(args.port) || args.port < 0 || args.port > 65535) {
    throw new Error("--port must be a port number");
  }
  return args;
}

let args;
try {
  args = parseArgs(process.argv.slice(2));
} catch (err) {
  console.error(`cosmos.js: ${err.message}`);
  process.exit(2);
}

// --- capture the in-memory account -------------------------------------------------
const serverRoot = path.dirname(require.resolve("@vercel/cosmosdb-server/package.json"));
require("./query-parser-cache").install(serverRoot);
const accountModule = require(path.join(serverRoot, "lib", "account"));
const OriginalAccount = accountModule.default;
let account = null;

class CapturedAccount extends OriginalAccount {
  constructor(host, port) {
    super(host, port);
    // The stock account advertises https://host:port as its read/write
    // location. SDKs that do endpoint discovery (the .NET SDK does by default)
    // would then switch to https and fail against this plain-HTTP server.
    const meta = this.read();
    for (const loc of [...meta.writableLocations, ...meta.readableLocations]) {
      loc.databaseAccountEndpoint = `http://${host}:${port}/`;
    }
    account = this;
  }
}
accountModule.default = CapturedAccount;

const { createHttpServer } = require("@vercel/cosmosdb-server");

// --- snapshot ----------------------------------------------------------------------
const SNAPSHOT_FORMAT = "careernexus-cosmos-snapshot";
const SNAPSHOT_VERSION = 1;

// One Items collection (databases / collections / documents / udfs) as plain JSON.
function dumpItems(items, dumpChildren) {
  const out = { ridCount: items._ridCount, items: [] };
  for (const item of items._data.values()) {
    const entry = { data: item.read() };
    if (dumpChildren) Object.assign(entry, dumpChildren(item));
    out.items.push(entry);
  }
  return out;
}

function takeSnapshot() {
  return {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    savedAt: new Date().toISOString(),
    databases: dumpItems(account.databases, db => ({
      collections: dumpItems(db.collections, coll => ({
        documents: dumpItems(coll.documents),
        userDefinedFunctions: dumpItems(coll.userDefinedFunctions)
      }))
    }))
  };
}

// _set() stores an item exactly as given (keeping _rid/_etag/_ts) and indexes it;
// _ridCount must be restored too or the next create would reuse a _rid.
function restoreItems(items, dump, restoreChildren) {
  if (!dump) return;
  for (const entry of dump.items || []) {
    const data = items._set(entry.data);
    if (restoreChildren) restoreChildren(data, entry);
  }
  items._ridCount = Math.max(items._ridCount, dump.ridCount || 0);
}

function loadSnapshot(file) {
  let snap;
  try {
    snap = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (err) {
    throw new Error(`cannot read snapshot ${file}: ${err.message}`);
  }
  if (snap.format !== SNAPSHOT_FORMAT || snap.version !== SNAPSHOT_VERSION) {
    throw new Error(`${file} is not a version ${SNAPSHOT_VERSION} snapshot`);
  }
  let docs = 0;
  restoreItems(account.databases, snap.databases, (dbData, dbEntry) => {
    const db = account.database(dbData.id);
    restoreItems(db.collections, dbEntry.collections, (collData, collEntry) => {
      const coll = db.collection(collData.id);
      restoreItems(coll.documents, collEntry.documents);
      restoreItems(coll.userDefinedFunctions, collEntry.userDefinedFunctions, udf => {
        // Same compilation the server does when a UDF is created through the API.
        // eslint-disable-next-line no-new-func
        coll.userDefinedFunctions.functions[udf.id] = new Function(`"use strict";return (${udf.body})`)();
      });
      docs += coll.documents._data.size;
    });
  });
  return { databases: account.databases._data.size, documents: docs, savedAt: snap.savedAt };
}

function saveSnapshot(file) {
  // Synchronous on purpose: nothing can change the data while we serialize.
  const tmp = `${file}.tmp`;
  const fd = fs.openSync(tmp, "w");
  try {
    fs.writeSync(fd, JSON.stringify(takeSnapshot()));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
}

// --- server ------------------------------------------------------------------------
const server = createHttpServer();

// COSMOS_LOG_REQUESTS=1: one log line per request (method, path, status, ms),
// to see what the SDK actually sends when something is slow or failing.
if (process.env.COSMOS_LOG_REQUESTS === "1") {
  server.on("request", (req, res) => {
    const started = process.hrtime.bigint();
    res.on("finish", () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const flags = [
        req.headers["x-ms-documentdb-isquery"] === "true" || req.headers["x-ms-cosmos-is-query-plan-request"] ? "query" : "",
        req.headers["x-ms-cosmos-is-query-plan-request"] ? "plan" : "",
        req.headers["x-ms-documentdb-partitionkey"] ? `pk=${req.headers["x-ms-documentdb-partitionkey"]}` : ""
      ].filter(Boolean).join(" ");
      LOG(`${req.method} ${req.url} -> ${res.statusCode} ${ms.toFixed(1)}ms ${flags}`);
    });
  });
}

server.on("error", err => {
  console.error(`[cosmos] cannot listen on ${args.host}:${args.port}: ${err.message}`);
  process.exit(1);
});

// createHttpServer's own "listening" handler (registered first) builds the
// account; this callback runs right after it, before any request is handled,
// so the data is in place by the time the port answers.
server.listen(args.port, args.host, () => {
  if (!account) {
    console.error("[cosmos] could not capture the server's account object (cosmosdb-server internals changed?)");
    process.exit(1);
  }
  if (args.snapshot && fs.existsSync(args.snapshot)) {
    try {
      const s = loadSnapshot(args.snapshot);
      LOG(`restored ${s.databases} database(s), ${s.documents} document(s) from ${args.snapshot} (saved ${s.savedAt})`);
    } catch (err) {
      // Refuse to start rather than serve an empty database and later
      // overwrite the user's snapshot with it.
      console.error(`[cosmos] ${err.message}`);
      process.exit(1);
    }
  }
  const { address, port } = server.address();
  LOG(`listening on http://${address}:${port}/ (${args.snapshot ? `snapshot: ${args.snapshot}` : "in memory only"})`);
});

let stopping = false;
function shutdown(signal) {
  if (stopping) return;
  stopping = true;
  let code = 0;
  if (args.snapshot && account) {
    try {
      saveSnapshot(args.snapshot);
      LOG(`${signal}: snapshot saved to ${args.snapshot}`);
    } catch (err) {
      console.error(`[cosmos] ${signal}: saving snapshot failed: ${err.message}`);
      code = 1;
    }
  } else {
    LOG(`${signal}: stopping`);
  }
  process.exit(code);
}
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => shutdown(signal));
}
