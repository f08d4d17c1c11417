// The trainee page's offline copy. The page sends the list of the files it
// loaded (its HTML, scripts, styles, the WebAssembly module); they are kept in
// one cache. Requests of the page go to the network first and fall back to
// that copy when there is no network, so a reload offline still shows the
// page and its queued punches. Nothing under /v1/ (the verifier's API) is ever
// cached or answered from the cache.
const CACHE = "peixun-trainee-v1";

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

self.addEventListener("message", (event) => {
  const urls = event.data?.cache;
  if (!Array.isArray(urls)) return;
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      const here = (u) => new URL(u, self.location.href);
      const list = new Set(
        urls.filter((u) => typeof u === "string" && here(u).origin === self.location.origin && !u.includes("/v1/")).map((u) => here(u).pathname),
      );
      // A script names the module it loads (`new URL("peixun_bg-….wasm", import.meta.url)`).
      for (const u of [...list].filter((x) => x.endsWith(".js"))) {
        try {
          const text = await (await fetch(u)).text();
          for (const m of text.matchAll(/["'`]([\w.-]+\.wasm)["'`]/g)) list.add(new URL(m[1], here(u)).pathname);
        } catch {
          /* counted below as not cached */
        }
      }
      const done = await Promise.all([...list].map((u) => cache.add(u).then(() => true, () => false)));
      event.source?.postMessage({ cached: done.filter(Boolean).length, of: done.length });
    })(),
  );
});

self.addEventListener("fetch", (event) => {
  const req = event.request;
  const url = new URL(req.url);
  if (req.method !== "GET" || url.origin !== self.location.origin || url.pathname.includes("/v1/")) return;
  event.respondWith(
    fetch(req).then(
      (res) => {
        if (res.ok) {
          const copy = res.clone();
          caches.open(CACHE).then((c) => c.put(url.pathname, copy)).catch(() => {});
        }
        return res;
      },
      () => caches.match(url.pathname).then((hit) => hit || Response.error()),
    ),
  );
});
