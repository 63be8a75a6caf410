// The phone header's menu button: opens and closes the menu below it (Escape closes it too).
// Without this script the menu is simply always shown (the stylesheet's `scripting: none`).
(() => {
  const button = document.querySelector(".menu-button");
  if (!button) return;
  const setOpen = (open) => button.setAttribute("aria-expanded", String(open));
  button.addEventListener("click", () => setOpen(button.getAttribute("aria-expanded") !== "true"));
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
      setOpen(false);
      button.focus();
    }
  });
})();
