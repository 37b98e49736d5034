#!/usr/bin/env node
// HTTP benchmark for the Career Nexus API (normally started by ./bench.sh).
//
//   node tools/bench/bench.js --url http://127.0.0.1:7071 [--duration 10]
//        [--connections 10] [--warmup 2] [--users 20] [--posts-per-user 5]
//        [--only login,me] [--anchor http://127.0.0.1:PORT] [--scale 1000,10000]
//
// Setup (plain fetch): registers a set of users with a run-unique prefix (so
// it can also point at a long-lived ./run.sh instance) and has each of them
// create a few posts. Then every route in ROUTES is driven by autocannon for
// --warmup seconds (not measured: lets .NET tiered JIT settle) and then
// --duration seconds, and one table is printed.
//
// --anchor: a bare minimal API doing one Cosmos point read against the same
// server (tools/bench/anchor, started by ./bench.sh); it runs first, and each
// GET route's throughput is printed as a share of it. Each GET route is then
// asked once more to read its Cosmos operations from the Server-Timing header.
// --scale: afterwards, the feed, following-feed and comments routes run again
// with that many posts in the run (topped up through /careers/create/).
//
// To add a route, add an entry to ROUTES: `request(state, n)` returns the
// n-th request ({ path?, user?, cookie?, body? }): `user` adds that user's bearer
// token, `cookie` a Cookie header, `body` is sent as JSON. `onResponse` may record data for later
// routes (routes run in the listed order); `prepare(opts, state)`, when
// given, runs before the route is measured.
"use strict";

const os = require("os");
const path = require("path");
const crypto = require("crypto");
const { createRequire } = require("module");

// autocannon is installed with the local stack, in tools/local/node_modules.
const autocannon = createRequire(path.join(__dirname, "..", "local", "package.json"))("autocannon");

const PASSWORD = "Bench-pass-42"; // satisfies the app's password rules

const ROUTES = [
  {
    // PBKDF2 password hashing is deliberately slow: expect low numbers here.
    name: "login",
    method: "POST",
    path: "/careers/users/login/",
    request: (s, n) => {
      const u = s.users[n % s.users.length];
      return { body: { username: u.username, password: PASSWORD } };
    }
  },
  {
    name: "me",
    method: "GET",
    path: "/careers/users/me/",
    request: (s, n) => ({ user: s.users[n % s.users.length] })
  },
  {
    // Document 004's cookie sign-in (PBKDF2 like every login): sets the access, refresh and CSRF cookies.
    name: "talent cookie login",
    method: "POST",
    path: "/api/auth/token/",
    request: (s, n) => {
      const u = s.users[n % s.users.length];
      return { body: { email: `${u.username}@bench.example.com`, password: PASSWORD } };
    }
  },
  {
    // Document 004's users/me, authenticated by the access cookie as a browser sends it.
    name: "talent me (cookie)",
    method: "GET",
    path: "/api/auth/users/me/",
    request: (s, n) => ({ cookie: `access_token=${s.users[n % s.users.length].access}` })
  },
  {
    name: "posts page",
    method: "GET",
    path: "/careers/?batch_size=10&batch_number=0",
    request: (s, n) => ({ user: s.users[n % s.users.length] })
  },
  {
    // Document 003's notifications list: the caller's stored counters and one page query in their partition. Bench
    // users are Careers accounts with no notifications; the budget tests show the cost is the same with 200.
    name: "notifications list",
    method: "GET",
    path: "/notifications/api/v1/notifications/",
    request: (s, n) => ({ user: s.users[n % s.users.length] })
  },
  {
    // Document 003's gamification stats: the account, its stats (XP from the setup posts) and the leaderboard's shards.
    name: "gamification me",
    method: "GET",
    path: "/gamification/api/v1/gamification/me/",
    request: (s, n) => ({ user: s.users[n % s.users.length] })
  },
  {
    // The feed: one ordered cross-partition query (industry, mentors, own posts) and its count. Bench users have
    // no industry, so each reads mentors' posts and their own. It runs before the routes that create posts: the
    // local Cosmos server answers it by scanning every post, where Cosmos DB uses its index.
    name: "GET /post/",
    method: "GET",
    path: "/post/",
    request: (s, n) => ({ user: s.users[n % s.users.length] })
  },
  {
    // Also grows the pool of posts that "like" spreads its requests over.
    name: "create post",
    method: "POST",
    path: "/careers/create/",
    request: (s, n) => ({ user: s.users[n % s.users.length], body: { content: `bench post ${s.runId} #${n}` } }),
    onResponse: (s, status, body) => {
      if (status === 201) {
        const id = safeJson(body)?.data?.id;
        if (id !== undefined) s.posts.push(id);
      }
    }
  },
  {
    // A user can like a post once (201), again gives 409. Walk the
    // (user, post) pairs in order, all posts for one user, then the next user,
    // so a pair repeats only after users x posts requests; any 409s show up
    // in the non-2xx column.
    name: "like",
    method: "POST",
    path: "/careers/{id}/like/",
    request: (s, n) => {
      const posts = s.likePosts || (s.likePosts = s.posts.slice());
      const post = posts[n % posts.length];
      const user = s.users[Math.floor(n / posts.length) % s.users.length];
      return { path: `/careers/${encodeURIComponent(post)}/like/`, user };
    }
  },
  {
    // Document 002's post create, JSON body (no uploads); adds to the posts the comments spread over.
    name: "POST /post/",
    method: "POST",
    path: "/post/",
    request: (s, n) => ({ user: s.users[n % s.users.length], body: { body: `bench nexus post ${s.runId} #${n}` } }),
    onResponse: (s, status, body) => {
      if (status === 201) {
        const id = safeJson(body)?.post_id;
        if (id !== undefined) s.posts.push(id);
      }
    }
  },
  {
    name: "POST /post/comment/",
    method: "POST",
    path: "/post/comment/",
    request: (s, n) => ({
      user: s.users[n % s.users.length],
      body: { post: s.posts[n % s.posts.length], body: `bench comment ${s.runId} #${n}` }
    })
  }
];

// Run with --scale at each size; setup adds follows and comments for them.
// Document 003's messaging: one conversation per user with the next user, opened before the first messaging route.
async function openConversations(opts, state) {
  if (state.chats.length) return;
  await inParallel(state.users.map((user, i) => [i, user]), 8, async ([i, user]) => {
    const peer = state.users[(i + 1) % state.users.length];
    const res = await call(opts.url, "POST", "/messaging/api/v1/conversations/", { token: user.access, body: { participant_id: peer.id } });
    if (res.status !== 200 && res.status !== 201) expectStatus(res, 201, `opening a conversation as ${user.username}`);
    state.chats[i] = { id: res.json.id, user, peer };
  });
}

const MESSAGING_ROUTES = [
  {
    // Stores the message, counts it on the recipient's entry, moves both entries' last message, notifies the recipient
    // (stored and pushed over SignalR) and relays it to the conversation's open sockets (none here).
    name: "send message",
    method: "POST",
    path: "/messaging/api/v1/conversations/",
    prepare: openConversations,
    request: (s, n) => {
      const chat = s.chats[n % s.chats.length];
      return { path: `/messaging/api/v1/conversations/${chat.id}/messages/`, user: chat.user, body: { content: `bench message ${s.runId} #${n}` } };
    }
  },
  {
    // Read by the recipient: the first reads mark the page read, then each is the reader's entry, the count and the page.
    name: "list messages",
    method: "GET",
    path: "/messaging/api/v1/conversations/",
    prepare: openConversations,
    request: (s, n) => {
      const chat = s.chats[n % s.chats.length];
      return { path: `/messaging/api/v1/conversations/${chat.id}/messages/`, user: chat.peer };
    }
  },
  {
    name: "conversations",
    method: "GET",
    path: "/messaging/api/v1/conversations/",
    prepare: openConversations,
    request: (s, n) => ({ user: s.users[n % s.users.length] })
  }
];
ROUTES.push(...MESSAGING_ROUTES);

const SCALE_ROUTES = [
  { name: "feed", method: "GET", path: "/post/", request: (s, n) => ({ user: s.users[n % s.users.length] }) },
  { name: "following feed", method: "GET", path: "/post/following/", request: (s, n) => ({ user: s.users[n % s.users.length] }) },
  {
    name: "comments",
    method: "GET",
    path: "/post/comment/",
    request: (s, n) => ({ path: `/post/comment/?post_id=${s.posts[0]}`, user: s.users[n % s.users.length] })
  }
];

const ANCHOR = { name: "anchor (1 point read)", method: "GET", path: "/read", request: () => ({}) };

// --- arguments ---------------------------------------------------------------------
function parseArgs(argv) {
  const opts = { url: null, anchor: null, scale: [], duration: 10, connections: 10, warmup: 2, users: 20, postsPerUser: 5, only: null };
  const numeric = { "--duration": "duration", "--connections": "connections", "--warmup": "warmup",
    "--users": "users", "--posts-per-user": "postsPerUser" };
  for (let i = 0; i < argv.length; i += 1) {
    const key = argv[i];
    const value = argv[i + 1];
    if (key === "--url") { opts.url = value.replace(/\/+$/, ""); i += 1; }
    else if (key === "--only") { opts.only = value.split(",").map(x => x.trim()); i += 1; }
    else if (key === "--anchor") { opts.anchor = value ? value.replace(/\/+$/, "") : null; i += 1; }
    else if (key === "--scale") {
      opts.scale = value.split(",").map(x => x.trim()).filter(Boolean).map(Number);
      if (opts.scale.some(v => !Number.isInteger(v) || v < 1)) fail("--scale needs post counts, e.g. 1000,10000");
      i += 1;
    }
    else if (numeric[key]) {
      const v = Number(value);
      if (!Number.isFinite(v) || v < 0) fail(`${key} needs a number`);
      opts[numeric[key]] = v; i += 1;
    } else if (key === "-h" || key === "--help") {
      console.log("usage: bench.js --url URL [--duration S] [--connections N] [--warmup S] [--users N] [--posts-per-user N] [--only name,name] [--anchor URL] [--scale N,N]");
      console.log(`routes: ${ROUTES.map(r => r.name).join(", ")}`);
      process.exit(0);
    } else fail(`unknown argument: ${key}`);
  }
  if (!opts.url) fail("--url is required");
  if (opts.users < 1) fail("--users must be at least 1");
  if (opts.only) {
    const unknown = opts.only.filter(n => !ROUTES.some(r => r.name === n));
    if (unknown.length) fail(`unknown route(s): ${unknown.join(", ")} (routes: ${ROUTES.map(r => r.name).join(", ")})`);
  }
  return opts;
}

function fail(message) {
  console.error(`[bench] error: ${message}`);
  process.exit(1);
}

function safeJson(text) {
  try { return JSON.parse(text); } catch { return undefined; }
}

// --- setup -------------------------------------------------------------------------
async function call(base, method, route, { body, token } = {}) {
  const headers = { accept: "application/json" };
  if (body !== undefined) headers["content-type"] = "application/json";
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(base + route, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, text, json: safeJson(text) };
}

function expectStatus(res, status, what) {
  if (res.status !== status) {
    fail(`${what}: expected HTTP ${status}, got ${res.status}: ${res.text.slice(0, 500)}`);
  }
}

// Run fn over items with a bounded number in flight.
async function inParallel(items, limit, fn) {
  const queue = items.slice();
  const workers = Array.from({ length: Math.min(limit, queue.length) }, async () => {
    while (queue.length) await fn(queue.shift());
  });
  await Promise.all(workers);
}

async function setup(opts, state) {
  const started = Date.now();
  const indexes = Array.from({ length: opts.users }, (_, i) => i);
  await inParallel(indexes, 4, async i => {
    const username = `b${state.runId}_${i}`;
    const res = await call(opts.url, "POST", "/careers/users/register/", {
      body: {
        username,
        email: `${username}@bench.example.com`,
        password: PASSWORD,
        password_confirm: PASSWORD,
        first_name: "Bench",
        last_name: `User ${i}`,
        bio: "Created by tools/bench/bench.js"
      }
    });
    expectStatus(res, 201, `registering ${username}`);
    if (!res.json?.access || res.json?.user?.id === undefined) fail(`registering ${username}: unexpected body ${res.text.slice(0, 300)}`);
    state.users[i] = { username, id: res.json.user.id, access: res.json.access };
  });
  const jobs = [];
  for (const user of state.users) for (let p = 0; p < opts.postsPerUser; p += 1) jobs.push([user, p]);
  await inParallel(jobs, 8, async ([user, p]) => {
    const res = await call(opts.url, "POST", "/careers/create/", { token: user.access, body: { content: `setup post ${p} by ${user.username}` } });
    expectStatus(res, 201, `creating a post as ${user.username}`);
    const id = res.json?.data?.id;
    if (id === undefined) fail(`creating a post: no data.id in ${res.text.slice(0, 300)}`);
    state.posts.push(id);
  });
  if (opts.scale.length) {
    // Each user follows the next five, and the first post gets comments: what the scale routes read.
    const follows = [];
    for (let i = 0; i < state.users.length; i += 1)
      for (let k = 1; k <= Math.min(5, state.users.length - 1); k += 1) follows.push([state.users[i], state.users[(i + k) % state.users.length]]);
    await inParallel(follows, 8, async ([user, other]) =>
      expectStatus(await call(opts.url, "POST", "/careers/users/follow/", { token: user.access, body: { following: other.id } }), 201, "following"));
    await inParallel(state.users, 8, async user =>
      expectStatus(await call(opts.url, "POST", "/post/comment/", { token: user.access, body: { post: state.posts[0], body: "bench comment" } }),
        201, "commenting"));
  }
  return (Date.now() - started) / 1000;
}

// Creates posts until the run has made `total` of them.
async function topUpPosts(opts, state, total) {
  const missing = Array.from({ length: Math.max(0, total - state.posts.length) }, (_, i) => i);
  await inParallel(missing, 16, async i => {
    const user = state.users[i % state.users.length];
    const res = await call(opts.url, "POST", "/careers/create/", { token: user.access, body: { content: `scale post ${i} by ${user.username}` } });
    expectStatus(res, 201, "creating a post");
    state.posts.push(res.json.data.id);
  });
}

// The Cosmos operations of one request of the route, from its Server-Timing header ("-" when the app sends none).
async function cosmosCost(opts, state, route) {
  if (route.method !== "GET") return "-";
  const spec = route.request(state, 0);
  const headers = spec.user ? { authorization: `Bearer ${spec.user.access}` } : {};
  if (spec.cookie) headers.cookie = spec.cookie;
  const res = await fetch(opts.url + (spec.path || route.path), { headers });
  await res.text();
  const entry = (res.headers.get("server-timing") || "").match(/cosmos;[^,]*desc="([^"]*)"/);
  return entry ? entry[1].replace(/ ru=[0-9.]+/, "") : "-";
}

// --- measuring ---------------------------------------------------------------------
function runAutocannon(opts, state, route, seconds, url = opts.url) {
  // n numbers the requests of a route across its warm-up and measured runs, so
  // the measured "like" run continues with (user, post) pairs not used yet.
  // autocannon may build a request it never sends (end of run); skipping a
  // number is harmless, reusing one is what must not happen.
  state.counters[route.name] = state.counters[route.name] || 0;
  return new Promise((resolve, reject) => {
    const instance = autocannon({
      url,
      connections: opts.connections,
      duration: seconds,
      requests: [{
        method: route.method,
        path: route.path,
        setupRequest: req => {
          const spec = route.request(state, state.counters[route.name]);
          state.counters[route.name] += 1;
          const headers = { accept: "application/json" };
          if (spec.user) headers.authorization = `Bearer ${spec.user.access}`;
          if (spec.cookie) headers.cookie = spec.cookie;
          let body;
          if (spec.body !== undefined) {
            headers["content-type"] = "application/json";
            body = JSON.stringify(spec.body);
          }
          return { ...req, method: route.method, path: spec.path || route.path, headers, body };
        },
        onResponse: route.onResponse
          ? (status, body) => route.onResponse(state, status, body)
          : undefined
      }]
    }, (err, result) => (err ? reject(err) : resolve(result)));
    instance.on("error", reject);
    // Keep the first request error of the route: the table only counts them.
    instance.on("reqError", err => { state.firstErrors[route.name] = state.firstErrors[route.name] || err; });
  });
}

function formatRow(route, r, anchor) {
  const codes = Object.entries(r.statusCodeStats || {})
    .filter(([code]) => !code.startsWith("2"))
    .map(([code, v]) => `${code}x${v.count}`);
  const total = Object.values(r.statusCodeStats || {}).reduce((a, v) => a + Number(v.count), 0);
  let non2xx = String(r.non2xx);
  if (r.non2xx > 0 && total > 0) non2xx += ` (${((100 * r.non2xx) / total).toFixed(1)}%: ${codes.join(" ")})`;
  return [
    route.name,
    r.requests.average.toFixed(1),
    r.latency.p50.toFixed(1),
    r.latency.p99.toFixed(1),
    non2xx,
    String(r.errors + r.timeouts),
    anchor && route.method === "GET" ? `${((100 * r.requests.average) / anchor).toFixed(0)}%` : "-"
  ];
}

function printTable(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map(r => r[i].length)));
  const line = cells => cells.map((c, i) => (i === 0 || i === cells.length - 1 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  console.log(line(header));
  console.log(widths.map(w => "-".repeat(w)).join("  "));
  for (const r of rows) console.log(line(r));
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const routes = opts.only ? ROUTES.filter(r => opts.only.includes(r.name)) : ROUTES;
  const state = { runId: crypto.randomBytes(3).toString("hex"), users: [], posts: [], chats: [], counters: {}, firstErrors: {} };

  const cpus = os.cpus();
  console.log(`machine:  ${os.availableParallelism ? os.availableParallelism() : cpus.length} CPUs (${cpus[0]?.model?.trim() || "unknown"}), ` +
    `${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, node ${process.version}`);
  console.log(`target:   ${opts.url}`);
  console.log(`duration: ${opts.duration}s per route after ${opts.warmup}s warm-up, ${opts.connections} connections`);

  const setupSeconds = await setup(opts, state);
  console.log(`setup:    ${state.users.length} users, ${state.posts.length} posts in ${setupSeconds.toFixed(1)}s`);
  console.log("");

  const rows = [];
  const failedRoutes = [];
  const answered = result => Object.keys(result.statusCodeStats || {}).some(code => code.startsWith("2"));
  async function measure(route, url = opts.url) {
    process.stderr.write(`[bench] ${route.name}...\n`);
    if (opts.warmup > 0) await runAutocannon(opts, state, route, opts.warmup, url);
    return runAutocannon(opts, state, route, opts.duration, url);
  }
  let anchor = null;
  if (opts.anchor) {
    const result = await measure(ANCHOR, opts.anchor);
    if (!answered(result)) failedRoutes.push(ANCHOR.name);
    anchor = result.requests.average;
    rows.push([...formatRow(ANCHOR, result, anchor), "reads=1"]);
  }
  for (const route of routes) {
    if (route.prepare) await route.prepare(opts, state);
    const result = await measure(route);
    if (!answered(result)) failedRoutes.push(route.name);
    rows.push([...formatRow(route, result, anchor), await cosmosCost(opts, state, route)]);
  }
  const header = ["route", "req/s", "p50 ms", "p99 ms", "non-2xx", "errors", "vs anchor", "cosmos per request"];
  printTable(header, rows);

  if (opts.scale.length) {
    const scaleRows = [];
    for (const size of opts.scale) {
      process.stderr.write(`[bench] seeding up to ${size} posts...\n`);
      await topUpPosts(opts, state, size);
      for (const route of SCALE_ROUTES) {
        const result = await measure(route);
        // A route the local server cannot answer within the run at this size is a figure, not a failure of the bench.
        const row = formatRow({ ...route, name: `${route.name} (${state.posts.length} posts)` }, result, anchor);
        if (!answered(result)) row[1] = `none in ${opts.duration}s`;
        scaleRows.push([...row, await cosmosCost(opts, state, route)]);
      }
    }
    console.log("");
    printTable(header, scaleRows);
    console.log("The local Cosmos server scans a container for every query, so its latency grows with the data anyway;");
    console.log("the Cosmos operation counts (Server-Timing) are what Cosmos DB itself will do at each size.");
  }
  for (const [name, err] of Object.entries(state.firstErrors)) {
    console.log(`first error on ${name}: ${err.stack || err}`);
  }
  if (failedRoutes.length) fail(`no successful response at all on: ${failedRoutes.join(", ")}`);
}

main().catch(err => {
  // fetch() hides the network error (refused, reset...) in err.cause.
  console.error(`[bench] error: ${err.stack || err}${err.cause ? `\n  cause: ${err.cause.stack || err.cause}` : ""}`);
  process.exit(1);
});
