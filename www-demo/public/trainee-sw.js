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
    caches.open(CACHE).then((cache) =>
      Promise.all(urls.filter((u) => typeof u === "string" && !u.includes("/v1/")).map((u) => cache.add(u).catch(() => {}))),
    ),
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
