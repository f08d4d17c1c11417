// `require("peixun/miniprogram")` after WeChat's "build npm": WeChat looks up
// `miniprogram_npm/peixun/miniprogram.js`, this file. Elsewhere (Alipay,
// uni-app, Taro, Node) the same path resolves to index.js through
// package.json, so one import path serves every platform.
"use strict";

module.exports = require("./index.js");
