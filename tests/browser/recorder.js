// Installed by the browser tests before any page script runs (see page.rs).
(() => {
  const fired = [];
  Object.defineProperty(window, "__factdeskFired", { value: fired });
  const record = (name) =>
    function (...args) {
      fired.push(name + "(" + args.map(String).join(", ").slice(0, 120) + ")");
    };
  for (const name of ["alert", "confirm", "prompt", "print"]) {
    window[name] = record(name);
  }
  for (const name of ["log", "info", "warn", "error", "debug", "trace", "dir", "table"]) {
    console[name] = record("console." + name);
  }
  // A blocked inline script means markup was injected, even though the policy stopped it.
  document.addEventListener(
    "securitypolicyviolation",
    (e) => fired.push("blocked by CSP: " + e.violatedDirective + " " + (e.blockedURI || "") + " " + (e.sample || "")),
    true,
  );
})();
