// The body of a WebDriver script: returns what only injected text could have put in the page.
const found = [];
const scriptUrl = /^\s*(javascript|vbscript|data):/i;
const urlAttributes = new Set(["href", "src", "action", "formaction", "data", "xlink:href", "poster", "srcdoc", "background"]);
for (const element of document.querySelectorAll("*")) {
  for (const attribute of element.attributes) {
    const name = attribute.name.toLowerCase();
    if (name.startsWith("on")) {
      found.push(element.tagName + "[" + name + "]");
    }
    if (urlAttributes.has(name) && (name === "srcdoc" || scriptUrl.test(attribute.value))) {
      found.push(element.tagName + "[" + name + "=" + attribute.value.slice(0, 60) + "]");
    }
  }
}
for (const script of document.querySelectorAll("script")) {
  if (script.type === "application/ld+json") {
    try {
      JSON.parse(script.textContent);
    } catch (e) {
      found.push("JSON-LD that is not JSON: " + script.textContent.slice(0, 80));
    }
  } else if (!script.src || new URL(script.src).origin !== location.origin || !new URL(script.src).pathname.startsWith("/static/")) {
    found.push("script " + (script.src || script.textContent.slice(0, 80)));
  }
}
// Our own rating graphics (src/domain/rating_graphic.rs) are the one SVG a page may hold, and
// they are only shapes: anything else inside one was injected.
const drawn = "svg.rating-graphic[role=img]";
for (const graphic of document.querySelectorAll(drawn)) {
  for (const part of graphic.querySelectorAll("*")) {
    if (!["path", "rect", "circle", "g"].includes(part.tagName.toLowerCase())) {
      found.push("<" + part.tagName.toLowerCase() + "> in a rating graphic");
    }
  }
}
const foreign = "iframe, frame, frameset, object, embed, applet, base, meta[http-equiv], link[rel=import], svg:not(" + drawn + "), math, isindex, keygen, marquee, x";
for (const element of document.querySelectorAll(foreign)) {
  found.push("<" + element.tagName.toLowerCase() + ">");
}
return found;
