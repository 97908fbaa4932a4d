// Test doubles shared by the controller tests: a view that records what it is asked to do.

/**
 * A view that records every call as [name, method, ...args] in `log` and keeps the handlers it
 * was bound to (`bindX(handler)` → `handlers.bindX`). Properties in `extra` are returned as they
 * are, for the few a controller reads (`isOpen`, `entry`, `confirm`).
 */
export function recording(name, log, extra = {}) {
  const handlers = {};
  const view = new Proxy(extra, {
    get(target, prop) {
      if (prop in target) return target[prop];
      if (typeof prop !== 'string') return undefined;
      if (prop.startsWith('bind')) return (handler) => { handlers[prop] = handler; };
      return (...args) => { log.push([name, prop, ...args]); };
    },
  });
  return { view, handlers };
}
