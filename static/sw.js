// Mekong Match service worker, served at /sw.js by app/web/pwa.py (which fills in the two placeholders).
//
// What it keeps, and for whom:
// - Static assets: versioned ones (?v=<content hash>, or a version in the file name under /static/vendor/)
//   cache-first; other /static/ files network-first with the cache as a fallback. Nothing private.
// - Pages: network-first, always. Only two kinds are kept for offline use: the personal agenda
//   (/forums/<id>/agenda) and the profiles of the counterparts linked from it (/smes/<id>,
//   /investors/<id>). They go into a cache named after the person they were rendered for,
//   "pages-<user id>", read from the page itself (<body data-user="...">): a page is only ever filed
//   under the user it belongs to.
// - Whenever a page of the app shows who is logged in (data-user on <body>, also posted by app.js) and it
//   is someone else, or nobody, every other "pages-*" cache is deleted: after a logout, or when another
//   person logs in on the same phone, nothing of the previous person is left to read offline.
// - Offline, a page is answered from the current user's cache only; anything else gets offline.html.
// - Never cached: non-GET requests, /api/, other origins, responses marked Cache-Control: no-store,
//   redirects and errors.
"use strict";

const VERSION = "__VERSION__";
const PRECACHE_LIST = "__PRECACHE__";
const PRECACHE = Array.isArray(PRECACHE_LIST) ? PRECACHE_LIST : [];
const STATIC_CACHE = "static-" + VERSION;
const STATE_CACHE = "mm-state";
const STATE_USER = "/__mm/current-user";
const PAGES_PREFIX = "pages-";
const OFFLINE_PAGE = "/static/offline.html";
const AGENDA = /^\/forums\/\d+\/agenda$/;
const PROFILE = /^\/(smes|investors)\/\d+$/;
const MAX_PROFILES = 200;

let currentUser; // undefined: not read yet from STATE_CACHE; "": nobody logged in; "12": user 12

// ---- who is logged in ------------------------------------------------------------------------

async function getUser() {
  if (currentUser === undefined) {
    const saved = await (await caches.open(STATE_CACHE)).match(STATE_USER);
    const text = saved ? await saved.text() : "";
    if (currentUser === undefined) currentUser = /^\d+$/.test(text) ? text : "";
  }
  return currentUser;
}

async function setUser(user) {
  user = typeof user === "string" && /^\d+$/.test(user) ? user : "";
  const changed = currentUser !== user;
  currentUser = user;
  if (changed) await (await caches.open(STATE_CACHE)).put(STATE_USER, new Response(user));
  await forgetOthers();
}

// Delete the pages of everybody but the current user (all of them when nobody is logged in).
async function forgetOthers() {
  const keep = currentUser ? PAGES_PREFIX + currentUser : null;
  const names = await caches.keys();
  await Promise.all(names.filter((name) => name.startsWith(PAGES_PREFIX) && name !== keep)
    .map((name) => caches.delete(name)));
}

// The user a page of ours was rendered for: null when the page does not say (not our layout, or an
// error page answered before the login was looked at), "" when nobody was logged in.
function userOf(html) {
  const match = /<body\b[^>]*?\sdata-user="(\d*)"/.exec(html);
  return match ? match[1] : null;
}

// ---- what may be kept ------------------------------------------------------------------------

function keepable(url) {
  return url.origin === self.location.origin && !url.search && (AGENDA.test(url.pathname) || PROFILE.test(url.pathname));
}

function storable(response) {
  return response.status === 200 && response.type === "basic" && !response.redirected &&
    (response.headers.get("Content-Type") || "").startsWith("text/html") &&
    !/no-store/i.test(response.headers.get("Cache-Control") || "");
}

async function putPage(user, path, html, response) {
  const name = PAGES_PREFIX + user;
  await (await caches.open(name)).put(path, new Response(html, {
    status: response.status, statusText: response.statusText, headers: response.headers}));
  if (currentUser !== user) await caches.delete(name); // someone else logged in meanwhile
}

async function hasPage(user, path) {
  const name = PAGES_PREFIX + user;
  return (await caches.has(name)) && Boolean(await (await caches.open(name)).match(path, {ignoreVary: true}));
}

// A page just fetched for a navigation: learn who is logged in, and keep it if it is theirs to keep.
async function remember(url, response) {
  if (!storable(response)) return;
  const html = await response.text();
  const user = userOf(html);
  if (user === null) return;
  await setUser(user);
  if (!user || !keepable(url)) return;
  // A profile is kept when the agenda links to it (app.js asks for those); here it is only refreshed.
  if (PROFILE.test(url.pathname) && !(await hasPage(user, url.pathname))) return;
  await putPage(user, url.pathname, html, response);
}

// app.js, on the agenda page, names the counterpart profiles it links to.
async function keepProfiles(source, data) {
  const user = await getUser();
  if (!user || data.user !== user || !source || !source.url) return;
  const from = new URL(source.url);
  if (from.origin !== self.location.origin || !AGENDA.test(from.pathname)) return;
  const paths = new Set();
  for (const href of Array.isArray(data.urls) ? data.urls : []) {
    if (typeof href !== "string") continue;
    const url = new URL(href, self.location.origin);
    if (url.origin === self.location.origin && !url.search && PROFILE.test(url.pathname)) paths.add(url.pathname);
  }
  for (const path of Array.from(paths).slice(0, MAX_PROFILES)) {
    try {
      const response = await fetch(path, {credentials: "same-origin"});
      if (!storable(response)) continue;
      const html = await response.text();
      if (userOf(html) === user && currentUser === user) await putPage(user, path, html, response);
    } catch (error) {
      // offline or the server is away: the profile is kept next time
    }
  }
}

// ---- answering requests ----------------------------------------------------------------------

async function offlinePage() {
  const page = await (await caches.open(STATIC_CACHE)).match(OFFLINE_PAGE);
  return page || new Response("You are offline; your agenda is available once you have opened it online.",
    {status: 503, headers: {"Content-Type": "text/plain; charset=utf-8"}});
}

async function fromPages(url) {
  if (!keepable(url)) return null;
  const user = await getUser();
  if (!user || !(await caches.has(PAGES_PREFIX + user))) return null;
  return (await (await caches.open(PAGES_PREFIX + user)).match(url.pathname, {ignoreVary: true})) || null;
}

async function navigate(event) {
  const url = new URL(event.request.url);
  let response;
  try {
    response = await fetch(event.request);
  } catch (error) {
    return (await fromPages(url)) || offlinePage();
  }
  event.waitUntil(remember(url, response.clone()).catch(() => undefined));
  return response;
}

function versioned(url) {
  return url.searchParams.has("v") || url.pathname.startsWith("/static/vendor/");
}

async function staticAsset(event, url) {
  const request = event.request;
  const cache = await caches.open(STATIC_CACHE);
  if (versioned(url)) {
    const hit = await cache.match(request, {ignoreVary: true});
    if (hit) return hit;
  }
  try {
    const response = await fetch(request);
    if (response.status === 200 && response.type === "basic" &&
        !/no-store/i.test(response.headers.get("Cache-Control") || "")) {
      event.waitUntil(cache.put(request, response.clone()).catch(() => undefined));
    }
    return response;
  } catch (error) {
    const hit = await cache.match(request, {ignoreVary: true, ignoreSearch: !versioned(url)});
    if (hit) return hit;
    throw error;
  }
}

// ---- lifecycle -------------------------------------------------------------------------------

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(STATIC_CACHE);
    await cache.addAll(PRECACHE);
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    const names = await caches.keys();
    await Promise.all(names.filter((name) => name.startsWith("static-") && name !== STATIC_CACHE)
      .map((name) => caches.delete(name)));
    await getUser();
    await forgetOthers();
    await self.clients.claim();
  })());
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith("/api/")) return;
  if (request.mode === "navigate") {
    event.respondWith(navigate(event));
  } else if (url.pathname.startsWith("/static/")) {
    event.respondWith(staticAsset(event, url));
  }
});

self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type === "user") {
    event.waitUntil(setUser(data.id));
  } else if (data.type === "keep-profiles") {
    event.waitUntil(keepProfiles(event.source, data));
  }
});
