// The worker entry: copy this folder's .js files into the app's workers
// directory (`npx peixun-miniprogram worker <dir>`), then on the page:
//   WeChat  app.json { "workers": "workers" }
//           connectWorker(wx.createWorker("workers/peixun/index.js"))
//   Alipay  app.json { "workers": ["workers/peixun/index.js"] }
//           connectWorker(my.createWorker("workers/peixun/index.js"), { path: "/peixun/peixun_bg.wasm.br" })
// Every file it requires is in this folder (a worker may require only inside
// its directory); the .wasm.br stays outside it (a workers directory packs
// only .js files).
"use strict";

require("./host.js").serve(typeof worker !== "undefined" ? worker : null);
