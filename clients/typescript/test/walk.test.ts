/**
 * The typed client against the running site (CONTENT_API_BASE_URL, e.g. http://127.0.0.1:8000):
 * it reads the chrome, walks the news listing to its end, reads every article and the contacts
 * page, renders their bodies to text, and checks that text against the HTML pages readers get:
 * the same words, numbers, dates and links. Run by tests/test_typescript_client.py.
 */
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";

import {
  type ApiImage,
  type ArticlePage,
  type ContentClient,
  createContentClient,
  imageUrl,
  page,
  pagesOfType,
  siteChrome,
} from "../src/index.js";

const BASE = process.env.CONTENT_API_BASE_URL;
if (!BASE) throw new Error("CONTENT_API_BASE_URL is not set");
const client: ContentClient = createContentClient(BASE);

// --- HTML and text, the same way on both sides ----------------------------------------------
const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === "#") {
      const code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return String.fromCodePoint(code);
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** Visible text: scripts, styles and tags out, entities decoded, whitespace collapsed. */
function textOf(html: string): string {
  const bare = html
    .replace(/<(script|style|template)\b[\s\S]*?<\/\1>/gi, " ")
    .replace(/<[^>]*>/g, " ");
  return decode(bare).replace(/\s+/g, " ").trim();
}

function hrefsOf(html: string): Set<string> {
  return new Set([...html.matchAll(/\bhref="([^"]*)"/g)].map((m) => local(decode(m[1] ?? ""))));
}

/** A link as compared: the path (and query) for the site's own hosts, else the whole URL. */
function local(url: string): string {
  const parsed = new URL(url, BASE);
  const own = ["localhost", "127.0.0.1", "testserver", new URL(BASE!).hostname];
  return own.includes(parsed.hostname) ? parsed.pathname + parsed.search : parsed.href;
}

/** A page of the site as readers get it, by the API's absolute `html_url`. */
async function htmlPage(htmlUrl: string | null | undefined): Promise<{ html: string; text: string; links: Set<string> }> {
  assert.ok(htmlUrl, "the page has an html_url");
  const response = await fetch(new URL(local(htmlUrl), BASE));
  assert.equal(response.status, 200, htmlUrl);
  const html = await response.text();
  return { html, text: textOf(html), links: hrefsOf(html) };
}

// --- A body as text: every string an app would show -----------------------------------------
// Keys that hold no reader-facing words: ids, sizes, addresses of files and flags.
const NOT_TEXT = new Set([
  "id", "type", "width", "height", "renditions", "srcset", "url_template", "file_extension",
  "level", "first_row_is_table_header", "first_col_is_header", "table_header_choice", "title",
]);

interface Rendered {
  texts: string[];
  links: string[];
  alts: string[];
  tels: string[];
  images: ApiImage[];
}

function render(value: unknown, into: Rendered, key = ""): void {
  if (value === null || value === undefined || value === "") return;
  if (Array.isArray(value)) {
    for (const item of value) render(item, into, key);
    return;
  }
  if (typeof value === "object") {
    const object = value as Record<string, unknown>;
    if ("renditions" in object && "url_template" in object) into.images.push(object as unknown as ApiImage);
    // A block ({type, value, id}) renders its value; an image its alt text; an embed only its caption.
    for (const [name, child] of Object.entries(object)) {
      if (object.type === "embed" && name === "value") {
        render((child as { caption?: string }).caption, into, "caption");
      } else if (object.type === "stamp_issue" && name === "value") {
        // A chosen catalogue issue: its title and its page's link (its facts: the test below).
        const issue = (child ?? {}) as { title?: string; html_url?: string };
        render(issue.title, into, "title-text");
        if (issue.html_url) into.links.push(local(issue.html_url));
      } else if (name === "alt" && typeof child === "string" && child) {
        into.alts.push(child);
      } else if (name === "tel" && typeof child === "string") {
        into.tels.push(child);
      } else if (name === "url" && typeof child === "string") {
        into.links.push(local(child));
      } else if (!NOT_TEXT.has(name)) {
        render(child, into, name);
      }
    }
    return;
  }
  const text = String(value);
  if (/<[a-z][^>]*>/i.test(text)) {
    for (const m of text.matchAll(/\bhref="([^"]*)"/g)) into.links.push(local(decode(m[1] ?? "")));
  }
  const words = textOf(text);
  if (words) into.texts.push(words);
}

function rendered(value: unknown): Rendered {
  const into: Rendered = { texts: [], links: [], alts: [], tels: [], images: [] };
  render(value, into);
  return into;
}

function assertShown(body: Rendered, html: { html: string; text: string; links: Set<string> }, where: string) {
  for (const text of body.texts) assert.ok(html.text.includes(text), `${where}: "${text}" is not on the page`);
  for (const link of body.links) assert.ok(html.links.has(link), `${where}: no link to ${link} on the page`);
  for (const tel of body.tels) assert.ok(html.links.has(`tel:${tel}`), `${where}: no tel:${tel} link`);
  for (const alt of body.alts) {
    const attributes = [...html.html.matchAll(/\balt="([^"]*)"/g)].map((m) => decode(m[1] ?? ""));
    assert.ok(attributes.includes(alt), `${where}: no image with alt "${alt}"`);
  }
}

// --- The walk ---------------------------------------------------------------------------------
describe("the typed client against the running site", () => {
  let articles: ArticlePage[] = [];

  before(async () => {
    for await (const article of pagesOfType(client, "news.NewsArticlePage", 5)) articles.push(article);
  });

  test("the chrome: navigation, hotlines and footer as every page shows them", async () => {
    const chrome = await siteChrome(client);
    const home = await htmlPage(new URL("/", BASE).href);
    assert.ok(home.text.includes(chrome.site_name));
    assert.ok(chrome.navigation.length > 0 && chrome.hotlines.length > 0);
    for (const item of chrome.navigation) {
      assert.ok(home.text.includes(item.label), `menu label ${item.label}`);
      assert.ok(home.links.has(local(item.url)), `menu link ${item.url}`);
    }
    for (const hotline of chrome.hotlines.filter((h) => h.show_in_header)) {
      assert.ok(home.text.includes(hotline.number), `hotline ${hotline.number}`);
      assert.ok(home.links.has(`tel:${hotline.tel}`), `tel:${hotline.tel}`);
    }
    for (const link of chrome.footer.links) assert.ok(home.links.has(local(link.url)), link.url);
    for (const number of chrome.footer.register_numbers) assert.ok(home.text.includes(number), number);
    assert.ok(home.text.includes(textOf(chrome.footer.powered_by)), "powered by");
  });

  test("the news listing walked to its end has every article of the HTML index, once", async () => {
    const ids = articles.map((a) => a.id);
    assert.equal(new Set(ids).size, ids.length, "no article twice");
    const first = await client.GET("/api/v2/pages/", {
      params: { query: { type: "news.NewsArticlePage", limit: 1 } },
    });
    assert.equal(ids.length, first.data?.meta.total_count);
    // The HTML index, page after page (10 a page), lists the same titles in the same order.
    const titles: string[] = [];
    for (let number = 1; ; number++) {
      const index = await htmlPage(new URL(`/news/?page=${number}`, BASE).href);
      const found = [...index.html.matchAll(/<h[23][^>]*>\s*<a [^>]*>([\s\S]*?)<\/a>/g)].map((m) => textOf(m[1] ?? ""));
      const fresh = found.filter((title) => !titles.includes(title));
      if (fresh.length === 0) break;
      titles.push(...fresh);
    }
    assert.deepEqual(titles, articles.map((a) => a.title));
  });

  test("every article's title, date, source, summary and body are on its page", async () => {
    assert.ok(articles.length >= 10);
    let texts = 0;
    let links = 0;
    for (const listed of articles) {
      const article = await page(client, listed.id, "news.NewsArticlePage");
      const html = await htmlPage(article.meta.html_url);
      const where = `article ${article.id} (${article.title})`;
      assert.ok(html.text.includes(article.title ?? ""), `${where}: title`);
      assert.ok(html.html.includes(`datetime="${article.date}"`), `${where}: date`);
      if (article.source) assert.ok(html.text.includes(article.source.name), `${where}: source`);
      assert.ok(html.text.includes(textOf(article.summary ?? "")), `${where}: summary`);
      const body = rendered(article.body);
      assert.ok(body.texts.length > 0, `${where}: a body`);
      assertShown(body, html, where);
      texts += body.texts.length;
      links += body.links.length;
    }
    // Not a walk that checked nothing: the demo articles hold dozens of texts and some links.
    assert.ok(texts >= 30 && links >= 1, `${texts} texts and ${links} links checked`);
  });

  test("the stamp issue's facts are on its article's page", async () => {
    const stamps = articles.filter((a) => (a.body ?? []).some((block) => block.type === "stamp_issue"));
    assert.ok(stamps.length > 0, "the demo site has a stamp-issue article");
    for (const article of stamps) {
      const html = await htmlPage(article.meta.html_url);
      for (const block of article.body ?? []) {
        if (block.type !== "stamp_issue") continue;
        const issue = block.value as { facts?: { label: string; value: string }[] };
        assert.ok((issue.facts ?? []).length > 0, "the chosen issue lists its facts");
        for (const fact of issue.facts ?? []) {
          // Dates are written for readers on the page, machine-readable in <time datetime>.
          const shown = /^\d{4}-\d\d-\d\d$/.test(fact.value)
            ? html.html.includes(`datetime="${fact.value}"`)
            : html.text.includes(fact.value);
          assert.ok(shown, `${fact.label}: ${fact.value}`);
        }
      }
    }
  });

  test("the contacts page: hotlines, addresses, e-mail and hours as readers see them", async () => {
    const contacts: unknown[] = [];
    for await (const found of pagesOfType(client, "contacts.ContactsPage")) contacts.push(found);
    assert.equal(contacts.length, 1);
    const listed = contacts[0] as { id: number };
    const detail = await page(client, listed.id, "contacts.ContactsPage");
    const html = await htmlPage(detail.meta.html_url);
    const body = rendered(detail.body);
    assert.ok(body.tels.length >= 4, "the four hotlines");
    assertShown(body, html, "contacts");
    assertShown(rendered(detail.intro), html, "contacts intro");
  });

  test("an article image at another size, through its url_template", async () => {
    const images = articles.flatMap((a) => rendered([a.lead_image, a.body]).images);
    assert.ok(images.length > 0);
    const image = images[0]!;
    const url = imageUrl(image, { width: 640, height: 360, format: "webp", quality: 65 });
    assert.ok(url);
    const response = await fetch(new URL(local(url), BASE));
    assert.equal(response.status, 200);
    assert.equal(response.headers.get("content-type"), "image/webp");
    // Outside the bounded set: the API's own JSON 400, typed by the client.
    const refused = await client.GET("/api/v2/images/{id}/render/{spec}", {
      params: { path: { id: image.id, spec: "641x0.webp" } },
    });
    assert.equal(refused.response.status, 400);
    assert.match(refused.error?.message ?? "", /^width: 641 is not one of/);
  });
});
