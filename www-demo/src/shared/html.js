// Escaping for text put into innerHTML: every value that comes from a user,
// a file or the engine goes through esc().
const MAP = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function esc(value) {
  return String(value ?? "").replace(/[&<>"']/g, (c) => MAP[c]);
}
