/**
 * A typed client for the China Post content API (/api/v2/).
 *
 * `schema.d.ts` is generated from the API's OpenAPI document by openapi-typescript
 * (`make client`); openapi-fetch turns it into a client whose paths, parameters and answers are
 * checked by the compiler. What it adds: page types by name, a walk over a whole listing, and
 * an image's URL at another size from its `url_template`.
 */
import createClient, { type ClientOptions } from "openapi-fetch";

import type { components, paths } from "./schema.js";

export type { components, paths };
export type Schemas = components["schemas"];
export type Page = Schemas["Page"];
export type ArticlePage = Schemas["news.NewsArticlePage"];
export type ContactsPage = Schemas["contacts.ContactsPage"];
export type SiteChrome = Schemas["SiteChrome"];
/** An image as every page field and block gives it (a lead image, an image block...). */
export type ApiImage = NonNullable<ArticlePage["lead_image"]>;
export type ImageFormat = "avif" | "webp" | "jpeg";
/** The page types the API describes, by `meta.type`. */
export interface PageTypes {
  "news.NewsArticlePage": ArticlePage;
  "news.NewsIndexPage": Schemas["news.NewsIndexPage"];
  "contacts.ContactsPage": ContactsPage;
  "home.HomePage": Schemas["home.HomePage"];
  "home.ContentPage": Schemas["home.ContentPage"];
}

export type ContentClient = ReturnType<typeof createClient<paths>>;

/** A client for the site at `baseUrl`, e.g. "https://www.example.com". */
export function createContentClient(baseUrl: string, options: ClientOptions = {}): ContentClient {
  return createClient<paths>({ ...options, baseUrl: baseUrl.replace(/\/$/, "") });
}

/** Thrown for any answer other than a 2xx; `message` is the API's own. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(`${status}: ${message}`);
  }
}

function failed(response: Response, error: unknown): ApiError {
  const message =
    typeof error === "object" && error !== null && "message" in error
      ? String((error as { message: unknown }).message)
      : response.statusText;
  return new ApiError(response.status, message);
}

/** The site chrome: name, navigation, hotlines and footer. */
export async function siteChrome(client: ContentClient): Promise<SiteChrome> {
  const { data, error, response } = await client.GET("/api/v2/site/");
  if (!data) throw failed(response, error);
  return data;
}

/**
 * Every page of type `type` with all its fields, in the API's order (articles: newest first),
 * read `pageSize` at a time until the listing ends.
 */
export async function* pagesOfType<T extends keyof PageTypes>(
  client: ContentClient,
  type: T,
  pageSize = 20,
): AsyncGenerator<PageTypes[T]> {
  for (let offset = 0; ; offset += pageSize) {
    const { data, error, response } = await client.GET("/api/v2/pages/", {
      params: { query: { type, fields: "*", limit: pageSize, offset } },
    });
    if (!data) throw failed(response, error);
    for (const item of data.items) yield item as PageTypes[T];
    if (data.items.length === 0 || offset + data.items.length >= data.meta.total_count) return;
  }
}

/** One page by id, with all its fields, typed by the type you expect. */
export async function page<T extends keyof PageTypes>(
  client: ContentClient,
  id: number,
  type: T,
): Promise<PageTypes[T]> {
  const { data, error, response } = await client.GET("/api/v2/pages/{id}/", {
    params: { path: { id } },
  });
  if (!data) throw failed(response, error);
  if (data.meta.type !== type) throw new ApiError(200, `page ${id} is a ${data.meta.type}`);
  return data as PageTypes[T];
}

/**
 * The URL of `image` at another size from its `url_template`: a width of the site's bounded
 * set (see the render operation), a height of 0 to keep the proportions or one at an allowed
 * ratio to crop around the editor's focal point, a format and a quality. Null when the site
 * does not render images on request.
 */
export function imageUrl(
  image: Pick<ApiImage, "url_template">,
  size: { width: number; height?: number; format?: ImageFormat; quality?: number },
): string | null {
  const { width, height = 0, format = "webp", quality = 80 } = size;
  return (
    image.url_template
      ?.replace("{width}", String(width))
      .replace("{height}", String(height))
      .replace("{format}", format)
      .replace("{quality}", String(quality)) ?? null
  );
}
