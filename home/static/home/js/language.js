// The language switch remembers the reader's choice: `/` sends them to that language next
// time (the server reads the django_language cookie before Accept-Language). Without this
// script the switch still links to the page in the other language; `/` then follows the
// browser's languages.
(() => {
  document.addEventListener("click", (event) => {
    const link = event.target.closest && event.target.closest("a[data-language]");
    if (!link) return;
    const year = 365 * 24 * 60 * 60;
    document.cookie = `django_language=${link.dataset.language}; path=/; max-age=${year}; SameSite=Lax`;
  });
})();
