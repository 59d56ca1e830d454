/* Onward: start site search when the reader opens it, not on every first visit.

   Material for MkDocs starts its search worker (12 KB gzipped) and downloads the whole site's
   search index (22 KB) as soon as any page loads; most readers never search. This script runs
   before Material's bundle (overrides/main.html) and holds both back until the search box is
   opened: the search toggle (#__search) turns on, or focus enters the search box. Material
   opens the toggle itself for its keyboard shortcuts and for a shared ?q= link.

   Nothing else changes: the worker and the index are Material's own, fetched from the site. If
   this script fails, Material starts search at once, as it does without it. From file:// (the
   offline copy) Material already waits for the toggle and uses its own worker shim: no change.
   tests/browser/test_size.py measures the first visit; tests/browser/test_search.py searches. */
(() => {
  "use strict";
  const toggle = document.getElementById("__search");
  if (!toggle || location.protocol === "file:" || !window.Worker || !window.Promise) return;

  let open;
  let isOpen = false;
  const opened = new Promise((resolve) => { open = resolve; });
  const start = () => {
    if (isOpen) return;
    isOpen = true;
    open();
  };
  toggle.addEventListener("change", () => { if (toggle.checked) start(); });
  document.addEventListener("focusin", (event) => {
    if (event.target instanceof Element && event.target.closest(".md-search")) start();
  });

  const INDEX = /\/search\/search_index\.json([?#]|$)/;
  const WORKER = /\/workers\/search\.[^/]*\.js([?#]|$)/;

  // The index: Material requests it with XMLHttpRequest; its send() waits for the reader.
  const held = new WeakSet();
  const xhrOpen = XMLHttpRequest.prototype.open;
  const xhrSend = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url, ...rest) {
    if (INDEX.test(String(url))) held.add(this);
    return xhrOpen.call(this, method, url, ...rest);
  };
  XMLHttpRequest.prototype.send = function (...args) {
    if (!isOpen && held.has(this)) {
      opened.then(() => xhrSend.apply(this, args));
      return undefined;
    }
    return xhrSend.apply(this, args);
  };

  // The worker: a stand-in that keeps Material's messages until the real worker starts.
  const NativeWorker = window.Worker;
  function OnDemandWorker(url, options) {
    if (isOpen || !WORKER.test(String(url))) return new NativeWorker(url, options);
    const standIn = new EventTarget();
    const queue = [];
    let real = null;
    let stopped = false;
    standIn.postMessage = (message, transfer) => {
      if (real) real.postMessage(message, transfer);
      else queue.push([message, transfer]);
    };
    standIn.terminate = () => {
      stopped = true;
      if (real) real.terminate();
    };
    opened.then(() => {
      if (stopped) return;
      real = new NativeWorker(url, options);
      for (const type of ["message", "messageerror", "error"]) {
        real.addEventListener(type, (event) => {
          standIn.dispatchEvent(type === "error" ? new Event("error")
            : new MessageEvent(type, { data: event.data }));
        });
      }
      for (const [message, transfer] of queue.splice(0)) real.postMessage(message, transfer);
    });
    return standIn;
  }
  OnDemandWorker.prototype = NativeWorker.prototype;
  window.Worker = OnDemandWorker;
})();
