// Registers the service worker and tells the app when a new version is waiting.
// Plain JS so that it runs even before (or without) the wasm.
(function () {
  if (!("serviceWorker" in navigator)) return;
  // Reload only for an update the person asked for: the first install also changes the
  // controller (clients.claim), and reloading then would interrupt whatever they are doing.
  let updateRequested = false;
  const announce = () => window.dispatchEvent(new Event("huanjie-update-ready"));
  window.huanjieApplyUpdate = async () => {
    const reg = await navigator.serviceWorker.getRegistration();
    if (reg && reg.waiting) {
      updateRequested = true;
      reg.waiting.postMessage("skip-waiting");
    }
  };
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    if (!updateRequested) return;
    updateRequested = false;
    window.location.reload();
  });
  window.addEventListener("load", async () => {
    try {
      const reg = await navigator.serviceWorker.register("/sw.js", { updateViaCache: "none" });
      // A worker already waiting from an earlier visit: offer it at once.
      if (reg.waiting && navigator.serviceWorker.controller) announce();
      reg.addEventListener("updatefound", () => {
        const next = reg.installing;
        if (!next) return;
        next.addEventListener("statechange", () => {
          // Only an update when an older worker controls this page; the first install is not.
          if (next.state === "installed" && navigator.serviceWorker.controller) announce();
        });
      });
      window.huanjieSwReady = navigator.serviceWorker.ready.then(() => true);
    } catch (e) {
      console.warn("service worker registration failed", e);
    }
  });
})();
