"use strict";
// A photo that cannot load shows its alt text in its box (listened for from the start, before any image loads).
document.addEventListener("error", (event) => {
  const box = event.target.closest && event.target.closest(".thumb");
  if (event.target.tagName === "IMG" && box) box.classList.add("failed");
}, true);

document.addEventListener("DOMContentLoaded", () => {
  const pages = Array.from(document.querySelectorAll("details.page"));
  const rule = document.getElementById("f-rule");
  const severity = document.getElementById("f-severity");
  const errors = document.getElementById("f-errors");
  const found = document.getElementById("f-found");
  const shown = document.getElementById("shown");

  function words(element, name) {
    return (element.dataset[name] || "").split(" ").filter(Boolean);
  }

  // Pages match when they hold a finding of the chosen rule and severity; other findings are dimmed.
  function apply() {
    let count = 0;
    for (const page of pages) {
      const rules = words(page, "rules");
      const severities = words(page, "severities");
      const match = (!rule.value || rules.includes(rule.value))
        && (!severity.value || severities.includes(severity.value))
        && (!errors.checked || severities.includes("error"))
        && (!found.checked || rules.length > 0);
      page.hidden = !match;
      if (match) count += 1;
      for (const item of page.querySelectorAll("li.finding")) {
        const dim = (rule.value && item.dataset.rule !== rule.value)
          || (severity.value && item.dataset.severity !== severity.value);
        item.classList.toggle("dim", Boolean(dim));
      }
    }
    const total = `${pages.length} ${pages.length === 1 ? "page" : "pages"}`;
    shown.textContent = count === pages.length ? total : `${count} of ${total}`;
  }

  for (const control of [rule, severity, errors, found]) control.addEventListener("change", apply);
  for (const button of document.querySelectorAll("button.rule-filter")) {
    button.addEventListener("click", () => {
      rule.value = button.dataset.rule;
      apply();
      document.getElementById("pages").scrollIntoView();
    });
  }
  document.getElementById("expand").addEventListener("click", () => {
    for (const page of pages) if (!page.hidden) page.open = true;
  });
  document.getElementById("collapse").addEventListener("click", () => {
    for (const page of pages) page.open = false;
  });

  // A link to a page or a photo opens the page (and any folded list it sits in) and shows it.
  function reveal() {
    const target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (!target) return;
    for (let node = target; node; node = node.parentElement) {
      if (node.tagName === "DETAILS") node.open = true;
      if (node.hidden) node.hidden = false;
    }
    target.scrollIntoView();
  }
  window.addEventListener("hashchange", reveal);
  apply();
  reveal();
});
