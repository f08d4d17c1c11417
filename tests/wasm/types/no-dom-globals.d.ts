// What a mini-program runtime's typings declare and ES2020 lacks: `console`
// (miniprogram-api-typings declares it the same way). Nothing of the DOM.
declare const console: { log(...args: unknown[]): void };
